using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallCenterSdk.Hosting.Api;

/// <summary>Real-time views and supervisor actions: <c>/api/tenants/{tenant}/supervisor/...</c>.</summary>
internal static class SupervisorEndpoints
{
    public static void Map(RouteGroupBuilder tenant)
    {
        var g = tenant.MapGroup("/supervisor").RequireAuthorization(CallCenterPolicies.Supervisor);
        g.MapGet("/wallboard", (HttpContext http, ViewBuilder views) => Results.Ok(views.Wallboard(TenantScopeFilter.Of(http))));
        g.MapGet("/queues", (HttpContext http, ViewBuilder views) => Results.Ok(ViewBuilder.Queues(TenantScopeFilter.Of(http))));
        g.MapGet("/agents", (HttpContext http, ViewBuilder views) => Results.Ok(views.Agents(TenantScopeFilter.Of(http))));
        g.MapGet("/waiting", (HttpContext http, ViewBuilder views) => Results.Ok(ViewBuilder.Waiting(TenantScopeFilter.Of(http))));
        g.MapPost("/agents/{agent}/state", (string agent, ForceStateRequest? body, HttpContext http, ViewBuilder views) =>
        {
            var tenant = TenantScopeFilter.Of(http);
            if (tenant.Options.Agents.All(a => a.Id != agent))
            {
                return Problems.NotFound($"Agent '{agent}' does not exist.");
            }

            AgentState? state = body?.State switch
            {
                "available" => AgentState.Available,
                "not-ready" => AgentState.NotReady,
                "logged-out" => AgentState.LoggedOut,
                _ => null,
            };
            if (state is null)
            {
                return Problems.BadRequest("state must be 'available', 'not-ready' or 'logged-out'.");
            }

            var reason = body!.Reason ?? NotReadyReasons.Supervisor;
            if (!Problems.IsToken(reason, 32))
            {
                return Problems.BadRequest("reason must be 1-32 letters, digits, '-' or '_'.");
            }

            return Problems.Acd(() =>
            {
                tenant.Execute(e => e.ForceState(new AgentId(tenant.Tenant, agent), state.Value, state == AgentState.NotReady ? reason : null));
                return Results.Ok(views.Agent(tenant, agent));
            });
        });
        foreach (var mode in Enum.GetValues<MonitorMode>())
        {
            g.MapPost("/calls/{callId}/" + mode.ToString().ToLowerInvariant(), async (string callId, HttpContext http, ICallCenterCalls calls, CancellationToken ct) =>
                Problems.From(await calls.MonitorAsync(CallCenterRequestContext.Actor(http.User), callId, mode, ct).ConfigureAwait(false)));
        }
    }
}
