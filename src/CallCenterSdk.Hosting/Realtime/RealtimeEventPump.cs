using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Api;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Sip;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AcdAgentState = CallCenterSdk.Acd.AgentState;
using CrmAgentState = CallCenterSdk.Crm.Reports.AgentState;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Realtime;

/// <summary>
/// Turns ACD events, call events and phone registrations into SignalR pushes to each tenant's group, in order,
/// on one background loop (the ACD's delivery thread only queues), and records every finished agent state as a
/// span in the CRM for the reports.
/// </summary>
internal sealed partial class RealtimeEventPump : BackgroundService, ICallEventPublisher
{
    private readonly System.Threading.Channels.Channel<object> _queue = System.Threading.Channels.Channel.CreateUnbounded<object>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private readonly IHubContext<CallCenterHub> _hub;
    private readonly ViewBuilder _views;
    private readonly CrmStoreHost _crm;
    private readonly ILogger<RealtimeEventPump> _logger;
    private readonly Dictionary<AgentId, string?> _lastReason = [];

    public RealtimeEventPump(IHubContext<CallCenterHub> hub, ViewBuilder views, CallCenterAcd acd, SipServer sip, CrmStoreHost crm, ILogger<RealtimeEventPump> logger)
    {
        _hub = hub;
        _views = views;
        _crm = crm;
        _logger = logger;
        foreach (var tenant in acd.Tenants)
        {
            tenant.Subscribe(new Sink(this));
        }

        sip.RegistrationChanged += r => _queue.Writer.TryWrite(new RealtimeMessage(r.Tenant, "phoneRegistration", r));
    }

    public void Publish(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        _queue.Writer.TryWrite(new RealtimeMessage(callEvent.Tenant, "callEvent", callEvent with { CallerNumber = ViewBuilder.Mask(callEvent.CallerNumber) }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                switch (item)
                {
                    case RealtimeMessage m:
                        await SendAsync(m, stoppingToken).ConfigureAwait(false);
                        break;
                    case AgentSpan span when _crm.IsOpen:
                        await _crm.Store.Reports.AppendAgentStatesAsync(span.Tenant, [span.Record], stoppingToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PushFailed(_logger, e);
            }
        }
    }

    private async Task SendAsync(RealtimeMessage m, CancellationToken cancellationToken)
    {
        var group = _hub.Clients.Group(CallCenterHub.GroupOf(m.Tenant));
        await group.SendAsync(m.Method, m.Payload, cancellationToken).ConfigureAwait(false);
        if (m.StatsFor is { } queue && _views.Tenant(m.Tenant) is { } tenant)
        {
            await group.SendAsync("queueStats", ViewBuilder.Queue(tenant, queue), cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnAcdEvent(in AcdEvent e)
    {
        var tenant = e.Tenant.Value;
        switch (e.Kind)
        {
            case AcdEventKind.AgentStateChanged when e.Agent is { } agent:
                _queue.Writer.TryWrite(new RealtimeMessage(tenant, "agentState", new AgentStateMessage(
                    agent.Name, AgentStateNames.Of(e.ToState), e.ToState == AcdAgentState.NotReady ? e.Reason : null, e.Time, AgentStateNames.Of(e.FromState), e.StateDuration.TotalSeconds)));
                RecordSpan(agent, e);
                break;
            case AcdEventKind.Queued or AcdEventKind.Reserved or AcdEventKind.Answered or AcdEventKind.Abandoned or AcdEventKind.Overflowed
                or AcdEventKind.Transferred or AcdEventKind.Released or AcdEventKind.Completed or AcdEventKind.TimedOut or AcdEventKind.HoldChanged
                or AcdEventKind.OfferWithdrawn or AcdEventKind.Rejected or AcdEventKind.Accepted:
                var kind = e.Kind.ToString().ToLowerInvariant();
                _queue.Writer.TryWrite(new RealtimeMessage(tenant, "callEvent",
                    new CallEvent(tenant, e.Contact?.ToString() ?? string.Empty, kind, e.Agent?.Name, null, e.Queue?.Name, e.Reason), e.Queue));
                break;
        }
    }

    private void RecordSpan(AgentId agent, in AcdEvent e)
    {
        // A state that ended becomes one span; logged-out time is not agent time.
        var reason = _lastReason.GetValueOrDefault(agent);
        _lastReason[agent] = e.ToState == AcdAgentState.NotReady ? e.Reason : null;
        CrmAgentState? state = e.FromState switch
        {
            AcdAgentState.Available or AcdAgentState.Reserved => CrmAgentState.Available,
            AcdAgentState.OnContact => CrmAgentState.OnCall,
            AcdAgentState.WrapUp => CrmAgentState.WrapUp,
            AcdAgentState.NotReady => reason is "break" or "lunch" ? CrmAgentState.Break : CrmAgentState.NotReady,
            _ => null,
        };
        if (state is { } s && e.StateDuration > TimeSpan.Zero)
        {
            _queue.Writer.TryWrite(new AgentSpan(new CrmTenant(e.Tenant.Value), new AgentStateRecord(agent.Name, s, e.Time - e.StateDuration, e.Time)));
        }
    }

    private sealed record AgentSpan(CrmTenant Tenant, AgentStateRecord Record);

    private sealed class Sink(RealtimeEventPump pump) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent) => pump.OnAcdEvent(acdEvent);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Real-time push or agent-state record failed")]
        public static partial void PushFailed(ILogger logger, Exception exception);
    }
}
