using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Hosting.Tests.EndToEnd;
using CallCenterSdk.Sip.Transport;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Tests.Load;

/// <summary>
/// Issue #11's load test: sipp calls the DID at a steady rate for 60 s; every caller picks 1 then 3 in the IVR
/// (RFC 4733), waits in the support queue, is connected to one of 16 simulated agent phones (our SIP UAs, digest
/// registered), talks until the agent hangs up and answers the survey, and the center ends the call. No call may
/// fail, every call leaves exactly one caller CDR, and the wallboard's figures for today equal the day's report.
/// </summary>
[Collection(RealPeers.Name)]
public sealed class SippLoadTests(ITestOutputHelper output) : IDisposable
{
    private const string Did = "+4930100";
    private const int CallsPerSecond = 2;
    private const int Seconds = 60;
    private const int Calls = CallsPerSecond * Seconds;
    private const int Agents = 16;
    private static readonly TimeSpan Talk = TimeSpan.FromSeconds(3);

    private readonly string _work = Directory.CreateTempSubdirectory("cc-sipp-load-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Step(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what} (load {File.ReadAllText("/proc/loadavg").Trim()})");

    [Fact]
    public async Task Sipp_at_two_calls_per_second_for_60_s_through_ivr_and_queue_fails_no_call_and_the_wallboard_equals_the_report()
    {
        _ = Sipp.Executable;
        await using var center = await TestCenter.StartAsync(
            o =>
            {
                var acme = o.Tenants.Single(t => t.Id == "acme");
                acme.IvrFlows["sipp"] = "EndToEnd/sipp-ivr.json";
                acme.Numbers.Single(n => n.Number == Did).Flow = "sipp";
                for (var i = 1; i <= Agents; i++)
                {
                    var agent = new AgentOptions
                    {
                        Id = string.Create(CultureInfo.InvariantCulture, $"agent{i:00}"),
                        Extension = string.Create(CultureInfo.InvariantCulture, $"{3000 + i}"),
                        Password = "sip-" + TestCenter.Password,
                    };
                    agent.Queues.Add("support");
                    acme.Agents.Add(agent);
                }
            },
            services => services.AddCallCenterTelephony(configure: t =>
            {
                t.RtpPortFirst = 0;
                t.RecordingsPath = Path.Combine(_work, "recordings");
                t.SpeechCachePath = Path.Combine(_work, "tts");
            }));
        var telephony = center.App.Services.GetRequiredService<CallCenterTelephony>();
        var crm = center.App.Services.GetRequiredService<CrmStoreHost>();
        var acd = center.Acd.Find("acme")!;
        var sip = center.Sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;
        var agents = acd.Options.Agents.Where(a => a.Id.StartsWith("agent", StringComparison.Ordinal)).ToList();

        // The agents' phones register, and the agents log in ready.
        await using var phones = await SimulatedAgentPhones.StartAsync(sip, acd.Options.EffectiveSipDomain, agents.Select(a => (a.Extension, a.Password)), TimeSpan.FromMilliseconds(300), Talk);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (phones.Registered < Agents)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{phones.Registered} of {Agents} agent phones registered; failures: {phones.RegistrationFailures}");
            await Task.Delay(50);
        }

        foreach (var agent in agents)
        {
            var id = new AgentId(acd.Tenant, agent.Id);
            acd.Execute(e => { e.Login(id); e.SetReady(id); });
        }

        Step($"{Agents} agents registered and ready; registration failures retried: {(phones.RegistrationFailures is { Length: > 0 } f ? f : "none")}");

        // The wallboard page's live feed: SignalR queueStats pushes to the supervisor.
        var pushes = new List<JsonElement>();
        var token = await center.TokenAsync("acme", "sam");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(center.BaseAddress, "/hubs/callcenter"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<JsonElement>("queueStats", view => { lock (pushes) { pushes.Add(view); } });
        await hub.StartAsync();

        // Every caller: menu 1, support menu 3, a 1 kHz voice, and the survey key 2 every 1.5 s from 4 s on: keys
        // before the survey question are dropped (the survey clears type-ahead), the first after it is the answer
        // and the center hangs up, ending the stream.
        var media = new CallerRtpScript()
            .SilenceUntil(TimeSpan.FromSeconds(1.2)).Key('1')
            .SilenceUntil(TimeSpan.FromSeconds(2.2)).Key('3');
        for (var at = 4.0; at < 45; at += 1.5)
        {
            media.ToneUntil(1000, TimeSpan.FromSeconds(at)).Key('2');
        }

        media.SilenceUntil(TimeSpan.FromSeconds(50));
        var scenario = SippCaller.Prepare(Path.Combine(_work, "sipp"), media);
        var started = DateTime.UtcNow;
        var result = await Sipp.RunAsync(
            [
                .. SippCaller.Arguments(scenario, sip, Did, "+4917000000", FreePort.Next(), SippCaller.FreeMediaPort()),
                "-r", CallsPerSecond.ToString(CultureInfo.InvariantCulture), "-rp", "1000",
                "-m", Calls.ToString(CultureInfo.InvariantCulture), "-l", "60", "-timeout", "100s",
                "-trace_stat", "-stf", "stats.csv", "-fd", "10",
            ],
            TimeSpan.FromSeconds(110),
            Path.GetDirectoryName(scenario));
        Step($"sipp done after {(DateTime.UtcNow - started).TotalSeconds:0.0} s: {result.SuccessfulCalls} successful, {result.FailedCalls} failed of {result.OutgoingCalls}");
        Assert.True(result.ExitCode == 0 && result.FailedCalls == 0 && result.OutgoingCalls == Calls && result.SuccessfulCalls == Calls, result.ToString());

        // sipp's statistics file (-trace_stat), its last line: the cumulative counters at the end of the run.
        var stats = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(scenario)!, "stats.csv")).Where(l => l.Length > 0).ToList();
        var columns = stats[0].Split(';');
        var final = stats[^1].Split(';');
        long Stat(string name) => long.Parse(final[Array.IndexOf(columns, name)], CultureInfo.InvariantCulture);
        output.WriteLine($"sipp stats.csv: OutgoingCall(C) {Stat("OutgoingCall(C)")}, SuccessfulCall(C) {Stat("SuccessfulCall(C)")}, FailedCall(C) {Stat("FailedCall(C)")}, Retransmissions(C) {Stat("Retransmissions(C)")}");
        Assert.Equal(Calls, Stat("OutgoingCall(C)"));
        Assert.Equal(Calls, Stat("SuccessfulCall(C)"));
        Assert.Equal(0, Stat("FailedCall(C)"));

        // Every call has ended at the center once sipp has its BYE; its CDRs follow at once.
        deadline = DateTime.UtcNow.AddSeconds(15);
        while (telephony.Calls.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{telephony.Calls.Count} calls still in progress at the center after sipp finished");
            await Task.Delay(50);
        }

        Assert.Equal(0, telephony.StoreFailures);
        output.WriteLine($"agent phones: {phones.Answered} answered, {phones.HungUp} hung up by the agent, {phones.Failed} failed");
        Assert.Equal(Calls, phones.HungUp);

        // One caller CDR per call placed, each answered in support after the IVR, with the survey.
        var tenant = new CrmTenant("acme");
        var rows = new List<CallDetailRecord>();
        var page = new PageRequest(1000);
        while (true)
        {
            var cdrs = await crm.Store.Cdrs.QueryAsync(tenant, new CdrQuery(started.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)), page, CrmRole.Supervisor);
            rows.AddRange(cdrs.Items);
            if (cdrs.NextPageToken is null)
            {
                break;
            }

            page = new PageRequest(1000, cdrs.NextPageToken);
        }

        var inbound = rows.Where(r => r.Direction == CallDirection.Inbound).ToList();
        Assert.Equal(Calls, inbound.Count);
        Assert.Equal(Calls, inbound.Select(r => r.CallId).Distinct().Count());
        Assert.All(inbound, r =>
        {
            Assert.Equal(CallDisposition.Answered, r.Disposition);
            Assert.Equal("support", r.Queue);
            Assert.StartsWith("agent", r.Agent, StringComparison.Ordinal);
            Assert.Equal("sipp/welcome>sipp/menu>sipp/support-menu>sipp/support>sipp/survey>sipp/bye", r.IvrPath);
            Assert.Equal(3, r.SurveyScore);
        });
        Assert.Equal(Calls, rows.Count(r => r.Direction == CallDirection.Internal));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue wait: max {inbound.Max(r => r.QueueWaitMilliseconds)} ms, mean {inbound.Average(r => r.QueueWaitMilliseconds):0.0} ms; call length mean {inbound.Average(r => r.DurationSeconds):0.0} s; agents used {inbound.Select(r => r.Agent).Distinct().Count()}"));

        // The wallboard (what the page shows for today) equals the report for today, for the tenant and the queue.
        using var sam = await center.SignInAsync("acme", "sam");
        var wallboard = await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/supervisor/wallboard");
        var tenantRow = Assert.Single((await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/reports/kpis?granularity=day&dimension=tenant")).EnumerateArray());
        var queueRows = await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/reports/kpis?granularity=day&dimension=queue");
        var supportRow = Assert.Single(queueRows.EnumerateArray(), r => r.GetProperty("key").GetString() == "support");
        var supportTile = Assert.Single(wallboard.GetProperty("queues").EnumerateArray(), q => q.GetProperty("id").GetString() == "support").GetProperty("today");
        AssertSameFigures("tenant", wallboard.GetProperty("today"), tenantRow);
        AssertSameFigures("support", supportTile, supportRow);

        // Both come from the CDRs' milliseconds: the mean computed here from the rows is the report's ASA.
        Assert.Equal((double)inbound.Sum(r => r.QueueWaitMilliseconds) / inbound.Count / 1000, supportRow.GetProperty("averageSpeedOfAnswer").GetDouble());

        // The last support figures pushed over SignalR (each contact event pushes its queue's view) are the same.
        JsonElement? lastPush = null;
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (lastPush is not { } last || last.GetProperty("today").GetProperty("answered").GetInt64() < Calls)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no support queueStats push with {Calls} answered; last: {lastPush}");
            await Task.Delay(50);
            lock (pushes)
            {
                lastPush = pushes.Where(x => x.GetProperty("id").GetString() == "support").Select(x => (JsonElement?)x).LastOrDefault();
            }
        }

        AssertSameFigures("support pushed", lastPush.Value.GetProperty("today"), supportRow);
    }

    private void AssertSameFigures(string what, JsonElement wallboard, JsonElement report)
    {
        var counts = report.GetProperty("counts");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{what}: wallboard offered {wallboard.GetProperty("offered")} answered {wallboard.GetProperty("answered")} abandoned {wallboard.GetProperty("abandoned")} " +
            $"SL {wallboard.GetProperty("serviceLevel")} ASA {wallboard.GetProperty("asaSeconds")} abandon rate {wallboard.GetProperty("abandonRate")}; " +
            $"report offered {counts.GetProperty("offered")} answered {counts.GetProperty("answered")} abandoned {counts.GetProperty("abandoned")} " +
            $"SL {report.GetProperty("serviceLevel")} ASA {report.GetProperty("averageSpeedOfAnswer")} abandon rate {report.GetProperty("abandonRate")}");
        output.WriteLine(line);
        Assert.Equal(Calls, wallboard.GetProperty("offered").GetInt64());
        Assert.Equal(Calls, wallboard.GetProperty("answered").GetInt64());
        Assert.Equal(0, wallboard.GetProperty("abandoned").GetInt64());
        Assert.Equal(wallboard.GetProperty("offered").GetInt64(), counts.GetProperty("offered").GetInt64());
        Assert.Equal(wallboard.GetProperty("answered").GetInt64(), counts.GetProperty("answered").GetInt64());
        Assert.Equal(wallboard.GetProperty("abandoned").GetInt64(), counts.GetProperty("abandoned").GetInt64());
        Assert.Equal(wallboard.GetProperty("serviceLevel").GetDouble(), report.GetProperty("serviceLevel").GetDouble());
        Assert.Equal(wallboard.GetProperty("abandonRate").GetDouble(), report.GetProperty("abandonRate").GetDouble());

        // The CDR stores the ACD's own wait in whole milliseconds (truncated), the wallboard counts the same truncated
        // waits, and both divide milliseconds by answered then by 1000: the same double, bit for bit.
        Assert.Equal(wallboard.GetProperty("asaSeconds").GetDouble(), report.GetProperty("averageSpeedOfAnswer").GetDouble());
    }
}
