using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CallCenterSdk.Hosting.Realtime;

/// <summary>
/// The SignalR hub at <c>/hubs/callcenter</c>. A signed-in connection joins its own tenant's group and no other;
/// the server pushes <c>agentState</c>, <c>queueStats</c>, <c>callEvent</c> and <c>phoneRegistration</c> to it.
/// Clients send nothing.
/// </summary>
[Authorize]
public sealed class CallCenterHub : Hub
{
    /// <summary>The group name of a tenant.</summary>
    public static string GroupOf(string tenant) => "tenant:" + tenant;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        var tenant = Context.User is { } user ? CallCenterClaims.TenantOf(user) : null;
        if (tenant is null)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(tenant)).ConfigureAwait(false);
        await base.OnConnectedAsync().ConfigureAwait(false);
    }
}
