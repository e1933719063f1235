using System.Globalization;
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
    private readonly TimeSpan _ringTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override string StepType => "transfer";

    /// <summary>What kind of target.</summary>
    public TransferTargetKind Kind { get; } = kind;

    /// <summary>The target address (a template).</summary>
    public TextTemplate Address { get; } = address;

    /// <summary>
    /// How long the target may ring. Default 30 s. The channel is given it, and for an agent, extension or
    /// external number the step also enforces it on <see cref="IvrServices.Time"/>: an attempt still unanswered
    /// when it has passed is cancelled and counts as <see cref="TransferOutcome.NoAnswer"/>. A channel that bounds
    /// the ring itself on the same duration (the SIP channel does, on its engine's clock) ends the attempt the same
    /// way, NoAnswer with the target CANCELled as unanswered (Q.850 19), so the outcome does not depend on which
    /// timer fires first. A queue transfer is not cut short (waiting for an agent is the queue's business; the ACD
    /// uses the value as the agent's ring time); the step timeout bounds it, and the caller then leaves the queue.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan RingTimeout
    {
        get => _ringTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _ringTimeout = value;
        }
    }

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
        var result = await AttemptAsync(session, target, cancellationToken).ConfigureAwait(false);
        session.SetVariable("transfer.result", result.Outcome == TransferOutcome.NoAnswer ? "noanswer" : result.Outcome.ToString().ToLowerInvariant());
        if (result.Succeeded)
        {
            session.Finish(FlowOutcome.Transferred, $"{target.Kind} {target.Address}");
            return null;
        }

        session.Record(FlowTraceKind.Branch, $"transfer failed: {result.Outcome} {result.Detail}");
        return OnFailure;
    }

    private async ValueTask<TransferResult> AttemptAsync(FlowSession session, TransferTarget target, CancellationToken cancellationToken)
    {
        if (Kind == TransferTargetKind.Queue)
        {
            return await session.Channel.TransferAsync(target, RingTimeout, cancellationToken).ConfigureAwait(false);
        }

        // The channel should stop ringing at the ring timeout itself; the step does not rely on it. Cancelling the
        // attempt's token tells the channel to abandon it (CANCEL the far end as unanswered); the step waits for
        // that, so a transfer that completes in the same instant still ends the flow as transferred, and either
        // timer firing first ends as NoAnswer.
        using var ringing = new CancellationTokenSource(RingTimeout, session.Services.Time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ringing.Token);
        try
        {
            return await session.Channel.TransferAsync(target, RingTimeout, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ringing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new TransferResult(TransferOutcome.NoAnswer,
                $"no answer within the ring timeout of {RingTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
    }
}
