namespace CallCenterSdk.Acd;

/// <summary>Result of <see cref="AcdEngine.Enqueue"/>.</summary>
/// <param name="Contact">The new contact's id.</param>
/// <param name="Outcome">Queued, offered or overflowed.</param>
/// <param name="Target">The overflow target when overflowed to something other than a queue.</param>
/// <param name="Reason">The overflow reason.</param>
public readonly record struct EnqueueResult(ContactId Contact, EnqueueOutcome Outcome, OverflowTarget? Target, OverflowReason Reason);
