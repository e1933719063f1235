namespace CallCenterSdk.Hosting.Calls;

/// <summary>Who asks for a call action: tenant, signed-in user and, for agents, the agent id.</summary>
/// <param name="Tenant">Tenant id (a call of another tenant does not exist for this actor).</param>
/// <param name="User">Signed-in user name.</param>
/// <param name="Agent">The user's agent id, if any.</param>
public sealed record CallActor(string Tenant, string User, string? Agent);
