using CallCenterSdk.Hosting;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using CallCenterSdk.Hosting.Telephony;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ReferenceCenter;

/// <summary>Builds the reference center: the hosting package, the demo configuration, the web pages.</summary>
public static class ReferenceCenterApp
{
    /// <summary>Builds (does not start) the web application for <paramref name="args"/>.</summary>
    public static WebApplication Build(string[] args)
    {
        var line = CommandLine.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. line.Rest],
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        var overrides = new Dictionary<string, string?>();
        if (line.Sip is not null)
        {
            overrides["CallCenter:Sip:Listen"] = line.Sip;
        }

        if (line.Http is not null)
        {
            overrides["ReferenceCenter:Http"] = line.Http;
        }

        if (line.Data is not null)
        {
            overrides["CallCenter:Storage:SqlitePath"] = Path.Combine(Path.GetFullPath(line.Data), "reference-center.db");
        }

        if (line.Demo)
        {
            overrides["ReferenceCenter:Demo"] = "true";
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseUrls(builder.Configuration["ReferenceCenter:Http"] ?? "http://127.0.0.1:8080");
        builder.Services.AddCallCenter(builder.Configuration);

        // Calls: IVR, queues, agent phones, bridging, recording, CDRs; with --demo also simulated callers and
        // agent phones (real SIP and RTP from the SDK) so the wallboard is live within seconds.
        var demo = builder.Configuration.GetValue<bool>("ReferenceCenter:Demo");
        builder.Services.AddCallCenterTelephony(builder.Configuration, demo: o => o.Enabled |= demo);
        if (demo)
        {
            builder.Services.AddHostedService<DemoAgents>();
        }

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath) });
        app.MapCallCenter();
        return app;
    }

    /// <summary>The HTTP address the app listens on, once started.</summary>
    public static Uri HttpAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Runs until Ctrl+C, printing where everything is.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        if (line.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        await using var app = Build(args);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("The configuration is invalid:\n  " + string.Join("\n  ", e.Failures)).ConfigureAwait(false);
            return 1;
        }

        var http = HttpAddress(app);
        var sip = app.Services.GetRequiredService<SipServer>();
        var options = app.Services.GetRequiredService<IOptions<CallCenterOptions>>().Value;
        Console.WriteLine($"Reference center: HTTP {http} (wallboard {new Uri(http, "wallboard.html")}, agent desk {new Uri(http, "agent.html")})");
        Console.WriteLine("SIP: " + string.Join(", ", sip.EndPoints.Select(e => $"{e.Protocol.ToString().ToUpperInvariant()} {e.EndPoint}")));
        foreach (var t in options.Tenants)
        {
            Console.WriteLine($"Tenant {t.Id} ({t.Name}): numbers {string.Join(", ", t.Numbers.Select(n => n.Number))}; SIP domain {t.EffectiveSipDomain}; " +
                $"users {string.Join(", ", t.Users.Select(u => $"{u.Name} ({string.Join("/", u.Roles)})"))}");
        }

        Console.WriteLine(app.Configuration.GetValue<bool>("ReferenceCenter:Demo") ? "Demo mode: simulated callers and agents; business hours are open around the clock while the demo runs." : "Run with --demo for live demo agents.");
        Console.WriteLine("ready");
        await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(app).ConfigureAwait(false);
        return 0;
    }
}
