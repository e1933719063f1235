using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Api;

/// <summary>The tenant's configuration, read only and without secrets: <c>/api/tenants/{tenant}/admin/...</c>.</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder tenant)
    {
        var g = tenant.MapGroup("/admin").RequireAuthorization(CallCenterPolicies.Admin);
        g.MapGet("/tenant", (HttpContext http, IOptions<CallCenterOptions> options) =>
        {
            var t = TenantScopeFilter.Of(http).Options;
            return Results.Ok(new
            {
                t.Id,
                t.Name,
                SipDomain = t.EffectiveSipDomain,
                Numbers = t.Numbers.Select(n => new { n.Number, n.Flow }),
                IvrFlows = t.IvrFlows.Keys,
                BusinessHours = t.BusinessHours.Select(b => new { b.Id, b.TimeZone, b.Weekly, b.Holidays }),
                Trunks = options.Value.Trunks.Where(k => k.Tenant == t.Id).Select(k => new { k.Id, k.Host, k.Port, k.Transport }),
            });
        });
        g.MapGet("/queues", (HttpContext http) => Results.Ok(TenantScopeFilter.Of(http).Options.Queues.Select(q => new
        {
            q.Id,
            q.Name,
            Strategy = q.Strategy.ToString(),
            q.ServiceLevelThresholdSeconds,
            q.WrapUpSeconds,
            q.OfferTimeoutSeconds,
            q.MaxWaitSeconds,
            q.RequiredSkills,
        })));
        g.MapGet("/agents", (HttpContext http) => Results.Ok(TenantScopeFilter.Of(http).Options.Agents.Select(a => new
        {
            a.Id,
            a.Name,
            a.Extension,
            a.Skills,
            a.Queues,
        })));
        g.MapGet("/users", (HttpContext http) => Results.Ok(TenantScopeFilter.Of(http).Options.Users.Select(u => new { u.Name, u.Roles, u.Agent })));
    }
}
