using System.Security.Claims;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Security;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Api;

/// <summary>Who calls, for which tenant: read from the claims after the tenant filter accepted the route.</summary>
internal static class CallCenterRequestContext
{
    public static CallActor Actor(ClaimsPrincipal user) =>
        new(CallCenterClaims.TenantOf(user)!, user.Identity?.Name ?? string.Empty, CallCenterClaims.AgentOf(user));

    public static CrmRole CrmRoleOf(ClaimsPrincipal user) =>
        user.IsInRole(CallCenterRoles.Admin) ? CrmRole.Administrator
        : user.IsInRole(CallCenterRoles.Supervisor) ? CrmRole.Supervisor
        : CrmRole.Agent;

    public static CrmTenant Crm(TenantAcd tenant) => new(tenant.Tenant.Value);
}
