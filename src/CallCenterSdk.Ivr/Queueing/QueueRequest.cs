namespace CallCenterSdk.Ivr.Queueing;

/// <summary>A request to queue a caller.</summary>
/// <param name="TenantId">The tenant owning the queue.</param>
/// <param name="Queue">The queue name.</param>
/// <param name="CallId">The call.</param>
/// <param name="CallerNumber">The caller's number (for sticky routing and masking).</param>
/// <param name="Priority">Higher is served first (VIP boost).</param>
/// <param name="Group">A named agent group the caller should go to (VIP group), or null.</param>
public sealed record QueueRequest(string TenantId, string Queue, string CallId, string CallerNumber, int Priority, string? Group);
