using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Acd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReferenceCenter;

/// <summary>
/// Demo mode: every agent of every tenant logs in, then every few seconds one agent goes ready, not ready with a
/// reason, or on a break, so a newcomer sees the wallboard move. (Simulated callers come with call control.)
/// </summary>
internal sealed partial class DemoAgents(CallCenterAcd acd, TimeProvider time, ILogger<DemoAgents> logger) : BackgroundService
{
    private static readonly string[] Reasons = [NotReadyReasons.Break, NotReadyReasons.Lunch, NotReadyReasons.Training, "admin-work"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random();
        var agents = acd.Tenants.SelectMany(t => t.Options.Agents.Select(a => (Tenant: t, Agent: new AgentId(t.Tenant, a.Id)))).ToList();
        foreach (var (tenant, agent) in agents)
        {
            Try(tenant, e =>
            {
                if (e.GetAgentStatus(agent).State == AgentState.LoggedOut)
                {
                    e.Login(agent);
                }
            });
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var (tenant, agent) = agents[random.Next(agents.Count)];
            Try(tenant, e =>
            {
                var status = e.GetAgentStatus(agent);
                switch (status.State)
                {
                    case AgentState.Available when random.Next(3) == 0:
                        e.SetNotReady(agent, Reasons[random.Next(Reasons.Length)]);
                        break;
                    case AgentState.NotReady:
                        e.SetReady(agent);
                        break;
                    case AgentState.LoggedOut:
                        e.Login(agent);
                        break;
                }
            });
        }
    }

    private void Try(TenantAcd tenant, Action<AcdEngine> action)
    {
        try
        {
            tenant.Execute(action);
        }
        catch (AcdException e)
        {
            Log.Refused(logger, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Demo agent step refused: {Message}")]
        public static partial void Refused(ILogger logger, string message);
    }
}
