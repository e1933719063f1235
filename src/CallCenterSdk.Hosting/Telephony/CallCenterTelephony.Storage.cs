using System.Globalization;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Voicemail;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>Voicemail and caller recordings made by IVR steps: WAV files indexed in the tenant's recording index.</summary>
public sealed partial class CallCenterTelephony : IVoicemailStore, IRecordingStore
{
    /// <inheritdoc />
    async ValueTask<string> IVoicemailStore.SaveAsync(VoicemailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await SaveAudioAsync(message.TenantId, message.CallId, "voicemail-" + message.Mailbox, message.CallerNumber, message.Audio, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    async ValueTask<string> IRecordingStore.SaveAsync(string tenantId, string callId, string name, PcmAudio audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return await SaveAudioAsync(tenantId, callId, name, Find(callId)?.Caller.RemoteNumber, audio, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the audio as a WAV file and adds it to the recording index; failures throw (the IVR reports them).</summary>
    private async Task<string> SaveAudioAsync(string tenantId, string callId, string name, string? callerNumber, PcmAudio audio, CancellationToken cancellationToken)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var directory = Path.Combine(_environment.ContentRootPath, Options.RecordingsPath, tenantId, safe);
        Directory.CreateDirectory(directory);
        var now = Time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"{safe}-{now:yyyyMMddHHmmss}-{Guid.NewGuid():N}");
        var path = Path.Combine(directory, id + ".wav");
        using (var writer = WavWriter.Create(path, audio.Format))
        {
            writer.Write(audio.Samples);
            writer.Flush(toDisk: true);
        }

        var entry = new Recording(
            id,
            callId,
            null,
            Find(callId)?.Queue,
            callerNumber,
            now - audio.Duration,
            (int)Math.Round(audio.Duration.TotalSeconds),
            string.Create(CultureInfo.InvariantCulture, $"wav/pcm16/{audio.Format.SampleRate}/{audio.Format.Channels}"),
            path,
            new FileInfo(path).Length,
            now.AddDays(Options.RecordingRetentionDays));
        await _crm.Store.Recordings.AddAsync(new CallCenterSdk.Crm.Tenancy.TenantId(tenantId), entry, cancellationToken).ConfigureAwait(false);
        return id;
    }
}
