using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Surveys;
using CallCenterSdk.Ivr.Voicemail;

namespace CallCenterSdk.Ivr.Tests.Support;

internal sealed class InMemoryRecordingStore : IRecordingStore
{
    public List<(string Tenant, string CallId, string Name, PcmAudio Audio)> Saved { get; } = [];

    public ValueTask<string> SaveAsync(string tenantId, string callId, string name, PcmAudio audio, CancellationToken cancellationToken)
    {
        Saved.Add((tenantId, callId, name, audio));
        return ValueTask.FromResult($"rec-{Saved.Count}");
    }
}

internal sealed class InMemoryVoicemailStore : IVoicemailStore, IVoicemailNotifier
{
    public List<VoicemailMessage> Saved { get; } = [];

    public List<string> Notified { get; } = [];

    public bool Fail { get; set; }

    public ValueTask<string> SaveAsync(VoicemailMessage message, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("voicemail disk full");
        }

        Saved.Add(message);
        return ValueTask.FromResult($"vm-{Saved.Count}");
    }

    public ValueTask NotifyAsync(string messageId, VoicemailMessage message, CancellationToken cancellationToken)
    {
        Notified.Add($"{messageId}:{message.Mailbox}");
        return ValueTask.CompletedTask;
    }
}

internal sealed class InMemorySurveyStore : ISurveyResultStore
{
    public List<SurveyResult> Saved { get; } = [];

    public ValueTask SaveAsync(SurveyResult result, CancellationToken cancellationToken)
    {
        Saved.Add(result);
        return ValueTask.CompletedTask;
    }
}
