using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>Optionally says goodbye, then ends the call with a reason (kept in the result and the CDR).</summary>
public sealed class HangUpStep(string id, TextTemplate reason) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "hangup";

    /// <summary>The reason (a template).</summary>
    public TextTemplate Reason { get; } = reason;

    /// <summary>Said before hanging up.</summary>
    public IReadOnlyList<Prompt>? Prompts { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        await session.SayAsync(Prompts, cancellationToken).ConfigureAwait(false);
        string reason = Reason.Render(session);
        session.Finish(FlowOutcome.HungUp, reason);
        session.Record(FlowTraceKind.HangUp, reason);
        await session.Channel.HangUpAsync(reason, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
