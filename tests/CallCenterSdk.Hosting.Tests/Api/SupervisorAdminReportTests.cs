using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Hosting.Crm;
using Microsoft.Extensions.DependencyInjection;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Tests.Api;

public sealed class SupervisorAdminReportTests
{
    [Fact]
    public async Task Wallboard_shows_waiting_callers_masked_agents_and_today_figures_of_the_own_tenant_only()
    {
        await using var center = await TestCenter.StartAsync();
        var acme = center.Acd.Find("acme")!;
        var globex = center.Acd.Find("globex")!;
        acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930123456789" });
        globex.Enqueue(new ContactRequest { Queue = new QueueId(globex.Tenant, "support"), CallerNumber = "+4940987654321" });
        var bob = new AgentId(acme.Tenant, "bob");
        acme.Execute(e => e.Login(bob, "lunch"));

        using var sam = await center.SignInAsync("acme", "sam");
        var board = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/supervisor/wallboard"));
        Assert.Equal("acme", board.GetProperty("tenant").GetString());
        var waiting = Assert.Single(board.GetProperty("waiting").EnumerateArray());
        Assert.Equal("support", waiting.GetProperty("queue").GetString());
        var caller = waiting.GetProperty("caller").GetString()!;
        Assert.EndsWith("6789", caller, StringComparison.Ordinal);
        Assert.DoesNotContain("30123456", caller, StringComparison.Ordinal);
        Assert.True(waiting.GetProperty("waitSeconds").GetDouble() >= 0);
        var agents = board.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(["alice", "bob"], agents.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("not-ready", agents[1].GetProperty("state").GetString());
        Assert.Equal("lunch", agents[1].GetProperty("reason").GetString());
        var support = board.GetProperty("queues").EnumerateArray().First(q => q.GetProperty("id").GetString() == "support");
        Assert.Equal(1, support.GetProperty("waiting").GetInt32());
        Assert.Equal(1, support.GetProperty("today").GetProperty("offered").GetInt64());
        Assert.Equal(1, board.GetProperty("today").GetProperty("offered").GetInt64());
        Assert.DoesNotContain("4940987654321", board.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_forces_an_agent_state_with_a_reason()
    {
        await using var center = await TestCenter.StartAsync();
        var acme = center.Acd.Find("acme")!;
        var alice = new AgentId(acme.Tenant, "alice");
        acme.Execute(e => e.Login(alice));
        using var sam = await center.SignInAsync("acme", "sam");
        var view = await TestCenter.JsonAsync(await sam.PostAsJsonAsync("/api/tenants/acme/supervisor/agents/alice/state", new { state = "not-ready", reason = "coaching" }));
        Assert.Equal("not-ready", view.GetProperty("state").GetString());
        Assert.Equal("coaching", acme.Execute(e => e.GetAgentStatus(alice)).NotReadyReason);
        await TestCenter.JsonAsync(await sam.PostAsJsonAsync("/api/tenants/acme/supervisor/agents/alice/state", new { state = "logged-out" }));
        Assert.Equal(AgentState.LoggedOut, acme.Execute(e => e.GetAgentStatus(alice)).State);

        using var bad = await sam.PostAsJsonAsync("/api/tenants/acme/supervisor/agents/alice/state", new { state = "on-call" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var unknown = await sam.PostAsJsonAsync("/api/tenants/acme/supervisor/agents/mallory/state", new { state = "available" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("listen")]
    [InlineData("whisper")]
    [InlineData("barge")]
    [InlineData("intercept")]
    public async Task Monitoring_answers_501_until_call_control_is_registered(string mode)
    {
        await using var center = await TestCenter.StartAsync();
        using var sam = await center.SignInAsync("acme", "sam");
        using var response = await sam.PostAsync($"/api/tenants/acme/supervisor/calls/c1/{mode}", null);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains(mode + " to calls", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_reads_the_own_configuration_without_secrets()
    {
        await using var center = await TestCenter.StartAsync();
        using var root = await center.SignInAsync("acme", "root");
        var tenant = await TestCenter.JsonAsync(await root.GetAsync("/api/tenants/acme/admin/tenant"));
        Assert.Equal("ACME Telecom", tenant.GetProperty("name").GetString());
        Assert.Equal("acme.callcenter", tenant.GetProperty("sipDomain").GetString());
        Assert.Equal("+4930100", tenant.GetProperty("numbers")[0].GetProperty("number").GetString());
        var queues = await TestCenter.JsonAsync(await root.GetAsync("/api/tenants/acme/admin/queues"));
        Assert.Equal("RoundRobin", queues[1].GetProperty("strategy").GetString());
        using var agentsResponse = await root.GetAsync("/api/tenants/acme/admin/agents");
        var agentsText = await agentsResponse.Content.ReadAsStringAsync();
        Assert.Contains("\"extension\":\"1001\"", agentsText, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCenter.Password, agentsText, StringComparison.Ordinal);
        using var usersResponse = await root.GetAsync("/api/tenants/acme/admin/users");
        Assert.DoesNotContain(TestCenter.Password, await usersResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpis_come_from_the_crm_reports_of_the_own_tenant_as_json_and_csv()
    {
        await using var center = await TestCenter.StartAsync();
        var store = center.App.Services.GetRequiredService<CrmStoreHost>().Store;
        var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        // Answered after 10 s and 30 s (threshold 20 s), one abandon after 40 s: SL 1/3, ASA 20 s.
        await store.Cdrs.AppendManyAsync(new CrmTenant("acme"), [
            Cdr("a1", day.AddHours(9), CallDisposition.Answered, 10),
            Cdr("a2", day.AddHours(9).AddMinutes(10), CallDisposition.Answered, 30),
            Cdr("a3", day.AddHours(9).AddMinutes(40), CallDisposition.Abandoned, 40),
        ]);
        await store.Cdrs.AppendManyAsync(new CrmTenant("globex"), [Cdr("g1", day.AddHours(9), CallDisposition.Answered, 5)]);

        using var sam = await center.SignInAsync("acme", "sam");
        var rows = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/reports/kpis?from=2026-12-01&to=2026-12-02&granularity=day&dimension=queue"));
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal("support", row.GetProperty("key").GetString());
        Assert.Equal(3, row.GetProperty("counts").GetProperty("offered").GetInt64());
        Assert.Equal(1.0 / 3, row.GetProperty("serviceLevel").GetDouble(), 6);
        Assert.Equal(20, row.GetProperty("averageSpeedOfAnswer").GetDouble(), 6);

        using var csv = await sam.GetAsync("/api/tenants/acme/reports/kpis?from=2026-12-01&granularity=interval30&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition?.ToString() ?? csv.Headers.ToString(), StringComparison.Ordinal);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("bucket_start,key,offered", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length - 1); // 09:00 and 09:30 buckets of acme's queue only

        using var bad = await sam.GetAsync("/api/tenants/acme/reports/kpis?granularity=fortnight");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var backwards = await sam.GetAsync("/api/tenants/acme/reports/kpis?from=2026-12-02&to=2026-12-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Fact]
    public async Task Listening_to_a_recording_is_audited_and_streams_the_file()
    {
        await using var center = await TestCenter.StartAsync();
        var store = center.App.Services.GetRequiredService<CrmStoreHost>().Store;
        var file = Path.Combine(center.Directory, "rec-1.wav");
        await File.WriteAllBytesAsync(file, [82, 73, 70, 70, 1, 2, 3, 4]);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await store.Recordings.AddAsync(new CrmTenant("acme"), new Recording("rec-1", "call-1", "alice", "support", "+4930100200", at, 8, "wav", file, 8, at.AddDays(90)));
        await store.Recordings.AddAsync(new CrmTenant("globex"), new Recording("rec-g", "call-g", "bob", "support", "+4940200300", at, 8, "wav", file, 8, at.AddDays(90)));

        using var sam = await center.SignInAsync("acme", "sam");
        var list = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/recordings?from=" + Uri.EscapeDataString(at.AddHours(-1).ToString("O"))));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("rec-1", item.GetProperty("recordingId").GetString());

        using var audio = await sam.GetAsync("/api/tenants/acme/recordings/rec-1/audio");
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal(8, (await audio.Content.ReadAsByteArrayAsync()).Length);
        using var foreign = await sam.GetAsync("/api/tenants/acme/recordings/rec-g/audio");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var audit = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/recordings/rec-1/audit"));
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal("sam", entry.GetProperty("userId").GetString());
        Assert.Equal("Supervisor", entry.GetProperty("role").GetString());
        Assert.True(entry.GetProperty("granted").GetBoolean());
    }

    private static CallDetailRecord Cdr(string leg, DateTimeOffset start, CallDisposition disposition, int wait) => new(
        0, "call-" + leg, leg, leg, CallDirection.Inbound, "+4930555" + leg.Length, null, "+4930100", start,
        disposition == CallDisposition.Answered ? start.AddSeconds(wait) : null, start.AddSeconds(wait + 60), disposition,
        Queue: "support", Agent: disposition == CallDisposition.Answered ? "alice" : null, QueueWaitMilliseconds: wait * 1000L);
}
