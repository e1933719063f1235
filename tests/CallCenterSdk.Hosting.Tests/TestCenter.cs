using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Hosting.Tests;

/// <summary>
/// A real center for the tests: Kestrel on 127.0.0.1 (free port), SIP UDP+TCP on 127.0.0.1 (free port), a fresh
/// SQLite file, two tenants ("acme" and "globex") with queues, agents, users and customers.
/// </summary>
public sealed class TestCenter : IAsyncDisposable
{
    public const string Password = "password-123";

    private TestCenter(WebApplication app, string directory)
    {
        App = app;
        Directory = directory;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public string Directory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public CallCenterAcd Acd => App.Services.GetRequiredService<CallCenterAcd>();

    public SipServer Sip => App.Services.GetRequiredService<SipServer>();

    public static async Task<TestCenter> StartAsync(Action<CallCenterOptions>? customize = null, Action<IServiceCollection>? services = null)
    {
        // Tests compare "today" (the UTC day) figures; the longest (SippLoadTests) runs about three minutes.
        await CallCenterSdk.Testing.DayBoundary.AvoidMidnightAsync(TimeSpan.FromMinutes(4));
        var directory = Path.Combine(Path.GetTempPath(), "cc-hosting-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddCallCenter(o =>
        {
            Configure(o, directory);
            customize?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapCallCenter();
        await app.StartAsync();
        return new TestCenter(app, directory);
    }

    public static void Configure(CallCenterOptions o, string directory)
    {
        o.Sip.Listen = "127.0.0.1:0";
        o.Storage.SqlitePath = Path.Combine(directory, "center.db");
        o.Tenants.Add(Tenant("acme", "ACME Telecom", "+4930100", "+4930100200"));
        o.Tenants.Add(Tenant("globex", "Globex Energy", "+4940200", "+4940200300"));
    }

    public static TenantOptions Tenant(string id, string name, string did, string customerPhone)
    {
        var t = new TenantOptions { Id = id, Name = name };
        t.Numbers.Add(new NumberOptions { Number = did, Flow = "main" });
        t.IvrFlows["main"] = "Flows/main.json";
        var support = new QueueOptions { Id = "support", Name = id + " support" };
        var sales = new QueueOptions { Id = "sales", Name = id + " sales", Strategy = RoutingStrategyKind.RoundRobin };
        t.Queues.Add(support);
        t.Queues.Add(sales);
        foreach (var (agent, ext) in new[] { ("alice", "1001"), ("bob", "1002") })
        {
            var a = new AgentOptions { Id = agent, Name = agent + " of " + id, Extension = ext, Password = "sip-" + Password };
            a.Queues.Add("support");
            a.Queues.Add("sales");
            a.Skills["english"] = 7;
            t.Agents.Add(a);
            var u = new UserOptions { Name = agent, Password = Password, Agent = agent };
            u.Roles.Add("agent");
            t.Users.Add(u);
        }

        var sup = new UserOptions { Name = "sam", Password = Password };
        sup.Roles.Add("supervisor");
        t.Users.Add(sup);
        var admin = new UserOptions { Name = "root", Password = Password };
        admin.Roles.Add("admin");
        t.Users.Add(admin);
        var hours = new BusinessHoursOptions { Id = "office", TimeZone = "Europe/Berlin" };
        hours.Weekly["Monday"] = ["09:00-18:00"];
        t.BusinessHours.Add(hours);
        var customer = new CustomerSeedOptions { Name = name + " customer", Company = name };
        customer.Phones.Add(customerPhone);
        t.Customers.Add(customer);
        return t;
    }

    /// <summary>An HTTP client signed in as <paramref name="user"/> of <paramref name="tenant"/>.</summary>
    public async Task<HttpClient> SignInAsync(string tenant, string user)
    {
        var token = await TokenAsync(tenant, user);
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenAsync(string tenant, string user)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/login", new { tenant, user, password = Password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The JSON body of a successful answer; a refusal fails the test with its status and body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
