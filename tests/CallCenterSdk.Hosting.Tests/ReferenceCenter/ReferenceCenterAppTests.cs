using System.Diagnostics.Metrics;
using System.Net;
using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Diagnostics;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferenceCenter;

namespace CallCenterSdk.Hosting.Tests.ReferenceCenter;

public sealed class ReferenceCenterAppTests
{
    [Fact]
    public async Task The_shipped_configuration_starts_with_sip_on_the_given_port_and_demo_agents_logging_in()
    {
        var data = Path.Combine(Path.GetTempPath(), "cc-rc-" + Guid.NewGuid().ToString("N"));
        await using var app = ReferenceCenterApp.Build(["--sip", "127.0.0.1:0", "--http", "http://127.0.0.1:0", "--data", data, "--demo"]);

        // Demo callers must reach a queue at any hour (the shipped hours close at night and at weekends): count this
        // app's offered contacts (its own meter, whatever other centers run in this process).
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var offered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CallCenterMetrics.MeterName && instrument.Name == "callcenter.calls.offered" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => offered.TrySetResult());
        listener.Start();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = ReferenceCenterApp.HttpAddress(app) };
            using var health = await http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.True(File.Exists(Path.Combine(data, "reference-center.db")));
            Assert.Equal(2, app.Services.GetRequiredService<SipServer>().EndPoints.Count);
            using var page = await http.GetAsync("/wallboard.html");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var script = await http.GetAsync("/lib/signalr.min.js");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);

            // Demo mode logs every agent of both tenants in.
            var acd = app.Services.GetRequiredService<CallCenterAcd>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            int loggedIn = 0;
            while (DateTime.UtcNow < deadline)
            {
                loggedIn = acd.Tenants.Sum(t => t.Execute(e => e.GetTenantStatus(t.Tenant)).Agents.LoggedIn);
                if (loggedIn == 7)
                {
                    break;
                }

                await Task.Delay(100);
            }

            Assert.Equal(7, loggedIn);

            var hours = app.Services.GetRequiredService<IOptions<CallCenterOptions>>().Value.Tenants.SelectMany(t => t.BusinessHours).ToList();
            Assert.NotEmpty(hours);
            Assert.All(hours, h =>
            {
                Assert.Equal(7, h.Weekly.Count);
                Assert.All(h.Weekly.Values, ranges => Assert.Equal(["00:00-00:00"], ranges));
                Assert.Empty(h.Holidays);
            });

            // 12 simulated calls a minute: one passes the caller list, hours and menu into a queue well within a minute.
            await offered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Help_prints_the_options_and_a_missing_value_is_an_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            Assert.Equal(0, await ReferenceCenterApp.RunAsync(["--help"]));
            Assert.Equal(2, await ReferenceCenterApp.RunAsync(["--sip"]));
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.Contains("--sip HOST:PORT", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--sip needs a value", error.ToString(), StringComparison.Ordinal);
    }
}
