namespace CallCenterSdk.Calls.Routing;

/// <summary>What to do next with a call being forwarded: ring a target, or give up with an outcome.</summary>
/// <param name="Target">The target to ring, or null when the walk failed.</param>
/// <param name="Failure">Why the walk failed (when <paramref name="Target"/> is null).</param>
/// <param name="Reason">A readable account of the decision.</param>
public sealed record ForwardingStep(RingTarget? Target, RingOutcome Failure, string Reason)
{
    /// <summary>True when a target is to be rung.</summary>
    public bool IsRing => Target is not null;
}
