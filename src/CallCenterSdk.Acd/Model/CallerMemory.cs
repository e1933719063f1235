namespace CallCenterSdk.Acd;

/// <summary>Which agent last answered a caller (sticky routing).</summary>
/// <param name="Tenant">Tenant.</param>
/// <param name="Caller">Caller number.</param>
/// <param name="Agent">The agent who answered.</param>
/// <param name="At">When.</param>
public readonly record struct CallerMemory(TenantId Tenant, string Caller, AgentId Agent, DateTimeOffset At);
