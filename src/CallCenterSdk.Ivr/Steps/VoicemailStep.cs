using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Voicemail;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Records a voicemail for a mailbox, stores it through <see cref="IVoicemailStore"/> and tells
/// <see cref="IVoicemailNotifier"/>. Silent messages are discarded. Sets <c>voicemail.id</c> (empty when
/// discarded) and <c>voicemail.end</c>. A caller who hangs up after speaking still leaves the message.
/// </summary>
public sealed class VoicemailStep(string id, TextTemplate mailbox, RecordingOptions options) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "voicemail";

    /// <summary>The mailbox (a template, e.g. "{transfer.extension}").</summary>
    public TextTemplate Mailbox { get; } = mailbox;

    /// <summary>How to record.</summary>
    public RecordingOptions Options { get; } = options;

    /// <summary>Said after the message is stored (not when the caller hung up).</summary>
    public IReadOnlyList<Prompt>? ConfirmationPrompts { get; init; }

    /// <summary>The next node; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    public override bool TakesInput => true;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        var store = session.Services.VoicemailStore
            ?? throw new FlowExecutionException($"Voicemail step '{Id}' needs IvrServices.VoicemailStore.");
        string mailbox = Mailbox.Render(session);
        var (audio, end, heard) = await Recorder.RecordAsync(session, Options, cancellationToken).ConfigureAwait(false);
        string messageId = string.Empty;
        if (heard)
        {
            var message = new VoicemailMessage(session.Channel.TenantId, mailbox, session.Channel.CallId,
                session.Channel.CallerNumber, session.Now, audio, end);
            messageId = await store.SaveAsync(message, CancellationToken.None).ConfigureAwait(false);
            session.Record(FlowTraceKind.External, $"voicemail {messageId} stored for {mailbox}");
            if (session.Services.VoicemailNotifier is { } notifier)
            {
                await notifier.NotifyAsync(messageId, message, CancellationToken.None).ConfigureAwait(false);
            }
        }
        else
        {
            session.Record(FlowTraceKind.NoInput, "silent voicemail discarded");
        }

        session.SetVariable("voicemail.id", messageId);
        session.SetVariable("voicemail.end", end.ToString().ToLowerInvariant());
        cancellationToken.ThrowIfCancellationRequested();
        if (heard)
        {
            await session.SayAsync(ConfirmationPrompts, cancellationToken).ConfigureAwait(false);
        }

        return Next;
    }
}
