namespace CallCenterSdk.Acd;

/// <summary>Real-time figures of one tenant.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Waiting">Contacts waiting in the tenant's queues (each counted once).</param>
/// <param name="LongestWait">Longest current wait.</param>
/// <param name="Agents">The tenant's agents by state (each counted once).</param>
public readonly record struct TenantStatus(TenantId Tenant, int Waiting, TimeSpan LongestWait, AgentStateCounts Agents);
