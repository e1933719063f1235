using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Transfers the caller to a queue, agent, extension or external number. On success the flow ends with
/// <see cref="FlowOutcome.Transferred"/>; when the far end is busy, does not answer or fails, the caller comes
/// back into the flow at <see cref="OnFailure"/> with <c>transfer.result</c> set (busy, noanswer, rejected, failed).
/// </summary>
public sealed class TransferStep(string id, TransferTargetKind kind, TextTemplate address) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "transfer";

    /// <summary>What kind of target.</summary>
    public TransferTargetKind Kind { get; } = kind;

    /// <summary>The target address (a template).</summary>
    public TextTemplate Address { get; } = address;

    /// <summary>How long the target may ring. Default 30 s.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Said before transferring ("Please hold while we connect you").</summary>
    public IReadOnlyList<Prompt>? Prompts { get; init; }

    /// <summary>Where a failed transfer returns to; null ends the flow.</summary>
    public string? OnFailure { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [OnFailure];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        await session.SayAsync(Prompts, cancellationToken).ConfigureAwait(false);
        var target = new TransferTarget(Kind, Address.Render(session));
        session.Record(FlowTraceKind.External, $"transfer to {target.Kind} {target.Address}");
        var result = await session.Channel.TransferAsync(target, RingTimeout, cancellationToken).ConfigureAwait(false);
        session.SetVariable("transfer.result", result.Outcome == TransferOutcome.NoAnswer ? "noanswer" : result.Outcome.ToString().ToLowerInvariant());
        if (result.Succeeded)
        {
            session.Finish(FlowOutcome.Transferred, $"{target.Kind} {target.Address}");
            return null;
        }

        session.Record(FlowTraceKind.Branch, $"transfer failed: {result.Outcome} {result.Detail}");
        return OnFailure;
    }
}
