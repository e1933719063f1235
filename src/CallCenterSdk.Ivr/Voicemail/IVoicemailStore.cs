namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>Stores voicemail messages (files, object storage, the CRM's recording index).</summary>
public interface IVoicemailStore
{
    /// <summary>Stores <paramref name="message"/> and returns its id. Failures must throw, never be swallowed.</summary>
    ValueTask<string> SaveAsync(VoicemailMessage message, CancellationToken cancellationToken);
}
