using System.Globalization;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Voicemail;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Records the caller (beep, maximum length, end on silence or key, silence trimming) and stores the audio
/// through <see cref="IRecordingStore"/>. Sets <c>VAR</c> to the stored id (empty when nothing was said),
/// <c>VAR.end</c> to key, silence, maxlength or hangup and <c>VAR.seconds</c> to the length. A caller who hangs
/// up while recording still has the recording stored.
/// </summary>
public sealed class RecordStep(string id, string variable, RecordingOptions options) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "record";

    /// <summary>The variable that receives the recording id.</summary>
    public string Variable { get; } = variable;

    /// <summary>How to record.</summary>
    public RecordingOptions Options { get; } = options;

    /// <summary>Name given to the stored recording (a template); default the variable name.</summary>
    public TextTemplate? Name { get; init; }

    /// <summary>The next node; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    public override bool TakesInput => true;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        var store = session.Services.Recordings
            ?? throw new FlowExecutionException($"Record step '{Id}' needs IvrServices.Recordings.");
        var (audio, end, heard) = await Recorder.RecordAsync(session, Options, cancellationToken).ConfigureAwait(false);
        string recordingId = string.Empty;
        if (heard || !Options.TrimSilence)
        {
            string name = Name?.Render(session) ?? Variable;
            // A hang-up has cancelled the token; the recording is still the caller's and is kept.
            recordingId = await store.SaveAsync(session.Channel.TenantId, session.Channel.CallId, name, audio, CancellationToken.None)
                .ConfigureAwait(false);
            session.Record(FlowTraceKind.External, $"recording stored as {recordingId}");
        }

        session.SetVariable(Variable, recordingId);
        session.SetVariable(Variable + ".end", end.ToString().ToLowerInvariant());
        session.SetVariable(Variable + ".seconds", Math.Round((decimal)audio.Duration.TotalSeconds, 2));
        cancellationToken.ThrowIfCancellationRequested();
        return Next;
    }
}
