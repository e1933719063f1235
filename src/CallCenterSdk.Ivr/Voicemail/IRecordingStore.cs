using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>Stores caller recordings made by the record step (names, messages for agents).</summary>
public interface IRecordingStore
{
    /// <summary>Stores the audio and returns its id. Failures must throw.</summary>
    ValueTask<string> SaveAsync(string tenantId, string callId, string name, PcmAudio audio, CancellationToken cancellationToken);
}
