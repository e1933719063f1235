using System.Security.Claims;
using CallCenterSdk.Hosting.Api;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Realtime;
using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenterSdk.Hosting;

/// <summary>Maps the call center's HTTP surface: <c>app.MapCallCenter()</c>.</summary>
public static class CallCenterEndpointRouteBuilderExtensions
{
    /// <summary>Path of the SignalR hub.</summary>
    public const string HubPath = "/hubs/callcenter";

    /// <summary>
    /// Maps <c>GET /health</c>, <c>POST /api/auth/login</c>, <c>GET /api/me</c>, the tenant-scoped REST API under
    /// <c>/api/tenants/{tenant}</c> (agent, supervisor, admin, reports, recordings) and the SignalR hub at <see cref="HubPath"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapCallCenter(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health");

        var api = endpoints.MapGroup("/api");
        api.MapPost("/auth/login", (LoginRequest? body, UserDirectory users) =>
            users.SignIn(body?.Tenant, body?.User, body?.Password) is { } principal
                ? Results.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme)
                : Results.Problem("Unknown tenant, user or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed"));
        api.MapGet("/me", (ClaimsPrincipal user, ICallCenterCalls calls) => Results.Ok(new
        {
            Tenant = CallCenterClaims.TenantOf(user),
            User = user.Identity?.Name,
            Roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            Agent = CallCenterClaims.AgentOf(user),
            CallControl = calls.IsAvailable,
        })).RequireAuthorization();

        var tenant = api.MapGroup("/tenants/{tenant}").RequireAuthorization().AddEndpointFilter<TenantScopeFilter>();
        AgentEndpoints.Map(tenant);
        SupervisorEndpoints.Map(tenant);
        AdminEndpoints.Map(tenant);
        ReportEndpoints.Map(tenant);

        endpoints.MapHub<CallCenterHub>(HubPath);
        return endpoints;
    }
}
