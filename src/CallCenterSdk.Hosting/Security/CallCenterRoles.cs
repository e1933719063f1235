namespace CallCenterSdk.Hosting.Security;

/// <summary>The roles of the REST API; each is scoped to the user's own tenant.</summary>
public static class CallCenterRoles
{
    /// <summary>Works calls at the agent desk (acts only as its own agent).</summary>
    public const string Agent = "agent";

    /// <summary>Watches queues and agents, forces agent states, monitors calls, reads reports and recordings.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Everything a supervisor may, plus the tenant's configuration.</summary>
    public const string Admin = "admin";

    /// <summary>Every role name.</summary>
    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Admin];
}
