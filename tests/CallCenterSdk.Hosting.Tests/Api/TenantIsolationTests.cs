using System.Net;
using System.Net.Http.Json;
using CallCenterSdk.Acd;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenterSdk.Hosting.Tests.Api;

/// <summary>
/// Every endpoint under /api/tenants/{tenant} is enumerated from the running app (so a new endpoint is covered
/// without touching this file) and called by each role of tenant "acme" on tenant "globex": all answer 404 as for
/// a tenant that does not exist, act on nothing and leak nothing.
/// </summary>
public sealed class TenantIsolationTests
{
    private static List<(string Method, string Pattern)> TenantEndpoints(TestCenter center) =>
        center.App.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/tenants/{tenant}", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();

    private static HttpRequestMessage Request(string method, string pattern, string tenant)
    {
        var path = pattern.Replace("{tenant}", tenant).Replace("{callId}", "call-1").Replace("{agent}", "alice").Replace("{id}", "rec-1");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { reason = "break", state = "not-ready", target = "1002", number = "+4940200300", notes = "n", callerNumber = "+4940200300" });
        }

        return request;
    }

    [Fact]
    public async Task Every_tenant_endpoint_of_every_group_is_covered()
    {
        await using var center = await TestCenter.StartAsync();
        var patterns = TenantEndpoints(center).Select(e => e.Pattern).ToList();
        foreach (var group in new[] { "/agent", "/supervisor", "/admin", "/reports", "/recordings" })
        {
            Assert.Contains(patterns, p => p.StartsWith("/api/tenants/{tenant}" + group, StringComparison.Ordinal));
        }

        Assert.True(patterns.Count >= 30, $"only {patterns.Count} endpoints found");
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("sam")]
    [InlineData("root")]
    public async Task A_user_of_one_tenant_gets_404_on_every_endpoint_of_the_other(string user)
    {
        await using var center = await TestCenter.StartAsync();
        var globex = center.Acd.Find("globex")!;
        var bob = new AgentId(globex.Tenant, "bob");
        globex.Execute(e => e.Login(bob));
        globex.Enqueue(new ContactRequest { Queue = new QueueId(globex.Tenant, "support"), CallerNumber = "+4940200300" });
        using var http = await center.SignInAsync("acme", user);
        var before = globex.Execute(e => e.ExportState());

        foreach (var (method, pattern) in TenantEndpoints(center))
        {
            using var response = await http.SendAsync(Request(method, pattern, "globex"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(
                response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{user}@acme {method} {pattern} on globex answered {(int)response.StatusCode}: {body}");
            Assert.DoesNotContain("Globex Energy", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("of globex", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("4940200300", body, StringComparison.Ordinal);
        }

        // Nothing of globex changed: same agent states, same waiting contacts.
        var after = globex.Execute(e => e.ExportState());
        Assert.Equal(before.AgentStates.Select(a => (a.Id, a.Presence, a.NotReadyReason)), after.AgentStates.Select(a => (a.Id, a.Presence, a.NotReadyReason)));
        Assert.Equal(before.Contacts.Select(c => c.Id), after.Contacts.Select(c => c.Id));
    }

    [Fact]
    public async Task A_role_that_matches_gets_404_not_403_for_the_other_tenant()
    {
        await using var center = await TestCenter.StartAsync();
        using var sam = await center.SignInAsync("acme", "sam");
        using var response = await sam.GetAsync("/api/tenants/globex/supervisor/wallboard");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var own = await sam.GetAsync("/api/tenants/acme/supervisor/wallboard");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_every_tenant_endpoint_answers_401()
    {
        await using var center = await TestCenter.StartAsync();
        foreach (var (method, pattern) in TenantEndpoints(center))
        {
            using var response = await center.Http.SendAsync(Request(method, pattern, "acme"));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_forged_tenant_in_the_sign_in_is_refused()
    {
        await using var center = await TestCenter.StartAsync();
        using var wrongTenant = await center.Http.PostAsJsonAsync("/api/auth/login", new { tenant = "globex", user = "sam", password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongTenant.StatusCode);
        using var unknown = await center.Http.PostAsJsonAsync("/api/auth/login", new { tenant = "initech", user = "sam", password = TestCenter.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using var tampered = new HttpClient { BaseAddress = center.BaseAddress };
        tampered.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await center.TokenAsync("acme", "sam")) + "x");
        using var response = await tampered.GetAsync("/api/tenants/acme/supervisor/wallboard");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("alice", "/api/tenants/acme/supervisor/agents", HttpStatusCode.Forbidden)]
    [InlineData("alice", "/api/tenants/acme/admin/queues", HttpStatusCode.Forbidden)]
    [InlineData("alice", "/api/tenants/acme/reports/kpis", HttpStatusCode.Forbidden)]
    [InlineData("alice", "/api/tenants/acme/recordings", HttpStatusCode.Forbidden)]
    [InlineData("sam", "/api/tenants/acme/admin/queues", HttpStatusCode.Forbidden)]
    [InlineData("sam", "/api/tenants/acme/agent", HttpStatusCode.Forbidden)]
    [InlineData("sam", "/api/tenants/acme/reports/kpis", HttpStatusCode.OK)]
    [InlineData("root", "/api/tenants/acme/admin/queues", HttpStatusCode.OK)]
    [InlineData("root", "/api/tenants/acme/supervisor/agents", HttpStatusCode.OK)]
    public async Task Roles_decide_inside_the_own_tenant(string user, string path, HttpStatusCode expected)
    {
        await using var center = await TestCenter.StartAsync();
        using var http = await center.SignInAsync("acme", user);
        using var response = await http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
    }
}
