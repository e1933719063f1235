using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Diagnostics;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CallCenterSdk.Hosting.Tests.Diagnostics;

public sealed class HealthAndMetricsTests
{
    [Fact]
    public async Task Health_is_200_once_sip_listens_on_udp_and_tcp_and_the_store_is_open()
    {
        await using var center = await TestCenter.StartAsync();
        using var response = await center.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        var endPoints = center.Sip.EndPoints;
        Assert.Contains(endPoints, e => e.Protocol == SipTransportProtocol.Udp);
        Assert.Contains(endPoints, e => e.Protocol == SipTransportProtocol.Tcp);
        Assert.Single(endPoints.Select(e => e.EndPoint.Port).Distinct());
        Assert.True(File.Exists(Path.Combine(center.Directory, "center.db")));

        // Something really listens on TCP at that port.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, endPoints[0].EndPoint.Port);
    }

    [Fact]
    public async Task Health_check_is_unhealthy_before_the_services_started()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = AppContext.BaseDirectory });
        services.AddCallCenter(o => TestCenter.Configure(o, Path.GetTempPath()));
        await using var provider = services.BuildServiceProvider();
        var check = ActivatorUtilities.CreateInstance<CallCenterHealthCheck>(provider);
        var result = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.Contains("SIP is not listening yet", result.Description);
        Assert.Contains("the CRM store is not open", result.Description);
    }

    [Fact]
    public async Task Calls_offered_queue_length_and_agents_by_state_reach_an_OpenTelemetry_exporter()
    {
        // Meters are process-wide by name: tenant ids of their own keep other tests' centers (running in parallel, with
        // callers waiting in "globex" support) out of the figures.
        var exported = new List<Metric>();
        var tenant = "m" + Guid.NewGuid().ToString("N");
        var other = "o" + Guid.NewGuid().ToString("N");
        await using var center = await TestCenter.StartAsync(
            o =>
            {
                o.Tenants[0].Id = tenant;
                o.Tenants[1].Id = other;
            },
            s => s.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(exported)));
        var acme = center.Acd.Find(tenant)!;
        var support = new QueueId(acme.Tenant, "support");
        acme.Enqueue(new ContactRequest { Queue = support, CallerNumber = "+4930555" });
        acme.Enqueue(new ContactRequest { Queue = support, CallerNumber = "+4930556" });
        acme.Execute(e => e.Login(new AgentId(acme.Tenant, "alice"), "break"));

        center.App.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(2, Sum(exported, "callcenter.calls.offered", ("tenant", tenant), ("queue", "support")));
        Assert.Equal(0, Sum(exported, "callcenter.calls.offered", ("tenant", tenant), ("queue", "sales")));
        Assert.Equal(2, Last(exported, "callcenter.queue.length", ("tenant", tenant), ("queue", "support")));
        Assert.Equal(0, Last(exported, "callcenter.queue.length", ("tenant", other), ("queue", "support")));
        Assert.Equal(1, Last(exported, "callcenter.agents", ("tenant", tenant), ("state", "not_ready")));
        Assert.Equal(1, Last(exported, "callcenter.agents", ("tenant", tenant), ("state", "logged_out")));
        Assert.Equal(0, Last(exported, "callcenter.sip.registrations", ("tenant", tenant)));
    }

    [Fact]
    public async Task Counters_are_published_on_the_documented_meter()
    {
        var tenant = "m" + Guid.NewGuid().ToString("N");
        await using var center = await TestCenter.StartAsync(o => o.Tenants[0].Id = tenant);
        long answered = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CallCenterMetrics.MeterName && instrument.Name == "callcenter.calls.answered")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "tenant" && Equals(tag.Value, tenant))
                {
                    Interlocked.Add(ref answered, value);
                }
            }
        });
        listener.Start();
        var acme = center.Acd.Find(tenant)!;
        var alice = new AgentId(acme.Tenant, "alice");
        acme.Execute(e => e.Login(alice));
        var result = acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "sales"), CallerNumber = "+4930555" });
        acme.Execute(e => e.Accept(alice, result.Contact));
        Assert.Equal(1, Interlocked.Read(ref answered));
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> exported, string name, (string Key, string Value)[] tags)
    {
        foreach (var metric in exported.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var all = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    all[tag.Key] = tag.Value;
                }

                if (tags.All(t => all.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
                {
                    yield return point;
                }
            }
        }
    }

    private static long Sum(List<Metric> exported, string name, params (string, string)[] tags) =>
        Points(exported, name, tags).Select(p => p.GetSumLong()).DefaultIfEmpty(0).Max();

    private static long Last(List<Metric> exported, string name, params (string, string)[] tags) =>
        Points(exported, name, tags).Select(p => p.GetGaugeLastValueLong()).DefaultIfEmpty(-1).Last();
}
