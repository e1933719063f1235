namespace CallCenterSdk.Hosting.Calls;

/// <summary>
/// Something that happened to a call (ringing, answered, held, transferred, ended...), published by call control
/// through <see cref="ICallEventPublisher"/> and pushed to the tenant's SignalR group as <c>callEvent</c>.
/// </summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="CallId">The call.</param>
/// <param name="Kind">What happened, lower case (<c>ringing</c>, <c>answered</c>, <c>held</c>, <c>resumed</c>, <c>transferred</c>, <c>conferenced</c>, <c>ended</c>, ...).</param>
/// <param name="Agent">The agent concerned, if any.</param>
/// <param name="CallerNumber">The caller's number (masked before it leaves the server).</param>
/// <param name="Queue">The queue concerned, if any.</param>
/// <param name="Detail">Free text (cause, target).</param>
public sealed record CallEvent(string Tenant, string CallId, string Kind, string? Agent = null, string? CallerNumber = null, string? Queue = null, string? Detail = null);
