using System.Net;
using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Sip;
using Microsoft.Extensions.DependencyInjection;
using ReferenceCenter;

namespace CallCenterSdk.Hosting.Tests.ReferenceCenter;

public sealed class ReferenceCenterAppTests
{
    [Fact]
    public async Task The_shipped_configuration_starts_with_sip_on_the_given_port_and_demo_agents_logging_in()
    {
        var data = Path.Combine(Path.GetTempPath(), "cc-rc-" + Guid.NewGuid().ToString("N"));
        await using var app = ReferenceCenterApp.Build(["--sip", "127.0.0.1:0", "--http", "http://127.0.0.1:0", "--data", data, "--demo"]);
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
