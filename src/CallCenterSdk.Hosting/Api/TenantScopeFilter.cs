using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Http;

namespace CallCenterSdk.Hosting.Api;

/// <summary>
/// Every <c>/api/tenants/{tenant}/...</c> endpoint: the route's tenant must be the signed-in user's own. Another
/// tenant answers exactly like a tenant that does not exist (404), so nothing about it leaks.
/// </summary>
internal sealed class TenantScopeFilter(CallCenterAcd acd) : IEndpointFilter
{
    public const string TenantItem = "callcenter.tenant";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var routeTenant = http.Request.RouteValues["tenant"] as string;
        var own = CallCenterClaims.TenantOf(http.User);
        if (routeTenant is null || own is null || !string.Equals(routeTenant, own, StringComparison.Ordinal) || acd.Find(own) is not { } tenant)
        {
            return Problems.NotFound($"Tenant '{routeTenant}' does not exist.");
        }

        http.Items[TenantItem] = tenant;
        return await next(context).ConfigureAwait(false);
    }

    public static TenantAcd Of(HttpContext http) => (TenantAcd)http.Items[TenantItem]!;
}
