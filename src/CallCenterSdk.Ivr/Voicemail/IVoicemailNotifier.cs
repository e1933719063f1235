namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>Told about each stored voicemail (e-mail, a message-waiting indicator, a webhook).</summary>
public interface IVoicemailNotifier
{
    /// <summary>Announces the stored message with the store's id.</summary>
    ValueTask NotifyAsync(string messageId, VoicemailMessage message, CancellationToken cancellationToken);
}
