using System.Security.Claims;

namespace CallCenterSdk.Hosting.Security;

/// <summary>The claims a signed-in user carries, and helpers to read them.</summary>
public static class CallCenterClaims
{
    /// <summary>Claim type of the user's tenant id.</summary>
    public const string Tenant = "callcenter:tenant";

    /// <summary>Claim type of the user's agent id.</summary>
    public const string Agent = "callcenter:agent";

    /// <summary>The tenant of a signed-in user, or null.</summary>
    public static string? TenantOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Tenant)?.Value;
    }

    /// <summary>The agent id of a signed-in user, or null.</summary>
    public static string? AgentOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Agent)?.Value;
    }
}
