namespace CallCenterSdk.Calls.Routing;

/// <summary>What happened to one target of a plan.</summary>
/// <param name="Target">The target.</param>
/// <param name="Outcome">How its ringing ended.</param>
/// <param name="Cause">How its leg ended, when it ended before answering (null for the answering target).</param>
public sealed record RingAttempt(RingTarget Target, RingOutcome Outcome, CallEndCause? Cause);
