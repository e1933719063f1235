using CallCenterSdk.Calls.Bridging;

namespace CallCenterSdk.Calls.Routing;

/// <summary>
/// How connecting a call ended: who answered (with the outbound leg and the bridge to the caller), or why every
/// target failed, so the application can fall back (voicemail, IVR, another queue).
/// </summary>
/// <param name="Outcome"><see cref="RingOutcome.Answered"/>, or why the plan failed.</param>
/// <param name="Attempts">Every target tried, in the order they finished.</param>
public sealed record RouteResult(RingOutcome Outcome, IReadOnlyList<RingAttempt> Attempts)
{
    /// <summary>The target that answered, or null.</summary>
    public RingTarget? AnsweredBy { get; init; }

    /// <summary>The answering target's leg, or null.</summary>
    public CallLeg? Leg { get; init; }

    /// <summary>The bridge between the caller and the answering leg, or null.</summary>
    public Bridge? Bridge { get; init; }

    /// <summary>The numbers or URIs the call was forwarded through (extension routing), first to last.</summary>
    public IReadOnlyList<string> ForwardingPath { get; init; } = [];

    /// <summary>True when a target answered and is bridged to the caller.</summary>
    public bool IsAnswered => Outcome == RingOutcome.Answered;

    /// <summary>
    /// The plan's failure from its attempts: no answer when any target rang out, else busy, else rejected, else
    /// unreachable (a caller who hung up or a cancellation wins over all of them).
    /// </summary>
    public static RingOutcome Summarize(IEnumerable<RingAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var outcomes = attempts.Select(a => a.Outcome).ToHashSet();
        RingOutcome[] order = [RingOutcome.Answered, RingOutcome.CallerHungUp, RingOutcome.NoAnswer, RingOutcome.Busy, RingOutcome.Rejected, RingOutcome.Unreachable, RingOutcome.Cancelled];
        return order.FirstOrDefault(outcomes.Contains, RingOutcome.Unreachable);
    }

    /// <summary>The outcome a leg's end means for its target (486/600 busy, 603/403/488 rejected, else unreachable).</summary>
    public static RingOutcome Classify(CallEndCause cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return cause.SipStatus switch
        {
            486 or 600 => RingOutcome.Busy,
            487 => cause.Party == CallEndParty.Local ? RingOutcome.Cancelled : RingOutcome.Rejected,
            403 or 488 or 603 or 606 => RingOutcome.Rejected,
            _ => RingOutcome.Unreachable,
        };
    }
}
