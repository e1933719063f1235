using System.Diagnostics.Metrics;
using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Sip;

namespace CallCenterSdk.Hosting.Diagnostics;

/// <summary>
/// The instruments of meter <see cref="MeterName"/>: counters of calls offered, answered and abandoned (from
/// the ACD events, tagged <c>tenant</c> and <c>queue</c>) and observable gauges of agents by state, queue
/// length and SIP registrations, read when a listener collects.
/// </summary>
public sealed class CallCenterMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to (OpenTelemetry <c>AddMeter</c>).</summary>
    public const string MeterName = "CallCenterSdk.Hosting";

    private readonly Meter _meter;
    private readonly Counter<long> _offered;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _abandoned;

    /// <summary>Creates the instruments over the tenants' ACDs and the SIP server.</summary>
    public CallCenterMetrics(IMeterFactory meterFactory, CallCenterAcd acd, SipServer sip)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(acd);
        ArgumentNullException.ThrowIfNull(sip);
        _meter = meterFactory.Create(MeterName);
        _offered = _meter.CreateCounter<long>("callcenter.calls.offered", "{call}", "Contacts that entered a queue.");
        _answered = _meter.CreateCounter<long>("callcenter.calls.answered", "{call}", "Contacts connected to an agent.");
        _abandoned = _meter.CreateCounter<long>("callcenter.calls.abandoned", "{call}", "Callers who hung up while waiting.");
        _meter.CreateObservableGauge("callcenter.agents", () => AgentsByState(acd), "{agent}", "Agents by state.");
        _meter.CreateObservableGauge("callcenter.queue.length", () => QueueLengths(acd), "{call}", "Contacts waiting per queue.");
        _meter.CreateObservableGauge("callcenter.sip.registrations", () => Registrations(acd, sip), "{address}", "Addresses of record with at least one registered phone.");
        foreach (var tenant in acd.Tenants)
        {
            tenant.Subscribe(new Sink(this));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> AgentsByState(CallCenterAcd acd)
    {
        foreach (var tenant in acd.Tenants)
        {
            var counts = tenant.Execute(e => e.GetTenantStatus(tenant.Tenant)).Agents;
            var tag = new KeyValuePair<string, object?>("tenant", tenant.Tenant.Value);
            yield return new(counts.LoggedOut, tag, new("state", "logged_out"));
            yield return new(counts.Available, tag, new("state", "available"));
            yield return new(counts.Reserved, tag, new("state", "reserved"));
            yield return new(counts.OnContact, tag, new("state", "on_contact"));
            yield return new(counts.WrapUp, tag, new("state", "wrap_up"));
            yield return new(counts.NotReady, tag, new("state", "not_ready"));
        }
    }

    private static IEnumerable<Measurement<int>> QueueLengths(CallCenterAcd acd)
    {
        foreach (var tenant in acd.Tenants)
        {
            var statuses = tenant.Execute(e => e.Queues.Where(q => q.Tenant == tenant.Tenant).Select(e.GetQueueStatus).ToList());
            foreach (var s in statuses)
            {
                yield return new(s.Waiting, new("tenant", tenant.Tenant.Value), new("queue", s.Queue.Name));
            }
        }
    }

    private static IEnumerable<Measurement<int>> Registrations(CallCenterAcd acd, SipServer sip)
    {
        foreach (var tenant in acd.Tenants)
        {
            yield return new(sip.RegisteredAddresses(tenant.Tenant.Value).Count, new KeyValuePair<string, object?>("tenant", tenant.Tenant.Value));
        }
    }

    private sealed class Sink(CallCenterMetrics metrics) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent)
        {
            var counter = acdEvent.Kind switch
            {
                AcdEventKind.Queued => metrics._offered,
                AcdEventKind.Answered => metrics._answered,
                AcdEventKind.Abandoned => metrics._abandoned,
                _ => null,
            };
            counter?.Add(1, new KeyValuePair<string, object?>("tenant", acdEvent.Tenant.Value), new KeyValuePair<string, object?>("queue", acdEvent.Queue?.Name));
        }
    }
}
