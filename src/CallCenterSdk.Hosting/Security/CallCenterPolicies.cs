namespace CallCenterSdk.Hosting.Security;

/// <summary>Authorization policy names used by the endpoints.</summary>
public static class CallCenterPolicies
{
    /// <summary>Role <c>agent</c> with an agent id.</summary>
    public const string Agent = "callcenter.agent";

    /// <summary>Role <c>supervisor</c> or <c>admin</c>.</summary>
    public const string Supervisor = "callcenter.supervisor";

    /// <summary>Role <c>admin</c>.</summary>
    public const string Admin = "callcenter.admin";
}
