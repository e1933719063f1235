using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Hosting.Tests.EndToEnd;
using CallCenterSdk.Hosting.Tests.ReferenceCenter;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferenceCenter;
using Xunit.Abstractions;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Tests.Tenants;

/// <summary>
/// The reference center's second tenant with a real third-party phone (issue #11): baresip 1.0 registers as Globex's
/// erin, identity <c>sip:2001@globex.callcenter</c>, through the center as outbound proxy (the account's
/// <c>outbound</c> parameter, as docs/reference-center.md shows), so the REGISTER's Request-URI names Globex's domain
/// and the digest realm is Globex's; only Globex's views show the phone. A caller dials Globex's DID, picks customer
/// service, and the call reaches erin's phone through the service queue with audio both ways; the CDRs are Globex's.
/// The shipped configuration runs, with Globex's main flow replaced by one of the same shape in tones and without
/// the business-hours step (it would send the caller to voicemail at night).
/// </summary>
[Collection(RealPeers.Name)]
public sealed class GlobexBaresipPhoneTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Domain = "globex.callcenter";
    private const string Extension = "2001"; // erin
    private const string SipPassword = "erin-sip-2026";
    private const string Did = "+4940300400";
    private const string CallerNumber = "+4940555666";
    private const double Welcome = 500, Menu = 520, HoldMusic = 660, AgentVoice = 700, CallerVoice = 1000;

    private const string Flow = """
        {
          "schema": "callcentersdk.ivr.flow/1",
          "id": "globex-main",
          "version": 1,
          "start": "screen",
          "nodes": [
            { "id": "screen", "type": "callerlist", "list": "default", "next": "welcome" },
            { "id": "welcome", "type": "play", "prompts": [{ "tone": 500, "seconds": 0.4 }], "next": "main-menu" },
            { "id": "main-menu", "type": "menu", "prompts": [{ "tone": 520, "seconds": 0.3 }],
              "options": { "2": "service-queue" }, "inputTimeout": 8, "maxAttempts": 3, "onFailure": "bye" },
            { "id": "service-queue", "type": "enqueue", "queue": "service", "holdMusic": [{ "tone": 660, "seconds": 1 }],
              "announcePosition": false, "next": "bye", "onFailure": "bye" },
            { "id": "bye", "type": "hangup" }
          ]
        }
        """;

    // The caller's stream, from the ACK: key 2 at 1.2 s, its voice from 1.6 s; erin hangs up 10 s after the answer.
    private static readonly TimeSpan AgentHangsUpAt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TestReferenceCenter _center = new("globex-phone");

    private SipServer Sip => _center.App.Services.GetRequiredService<SipServer>();

    private int SipPort => Sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint.Port;

    public async Task InitializeAsync()
    {
        var flow = Path.Combine(_center.Data, "globex-tones.json");
        await File.WriteAllTextAsync(flow, Flow);
        await _center.StartAsync(
            telephonyInData: true,
            "--CallCenter:Tenants:1:IvrFlows:globex-main", flow,
            "--CallCenter:Telephony:AnnounceAgent", "false");
        Assert.Equal("globex", _center.App.Services.GetRequiredService<IOptions<CallCenterOptions>>().Value.Tenants[1].Id); // the flow override's index
    }

    public async Task DisposeAsync()
    {
        await _center.DisposeAsync();
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Baresip_registers_erin_at_the_globex_domain_through_the_outbound_proxy_and_only_globex_sees_it(string transport)
    {
        var registered = Registered("erin");
        await using var phone = await StartPhoneAsync(Extension, SipPassword, transport);
        output.WriteLine(phone.Account);

        // Erin's password only fits Globex's realm: the digest response is over "2001:globex.callcenter:password".
        var registration = await registered.Task.WaitAsync(Patience);
        Assert.Equal("globex", registration.Tenant);
        Assert.Equal("2001", registration.Extension);
        var binding = Assert.Single(Sip.Locations.Lookup("globex", $"sip:{Extension}@{Domain}"));
        Assert.Contains("@127.0.0.1:", binding.Contact, StringComparison.Ordinal);
        Assert.Equal(transport == "tcp", binding.Source.IsReliable);
        Assert.Equal([$"sip:{Extension}@{Domain}"], Sip.RegisteredAddresses("globex"));
        Assert.Empty(Sip.RegisteredAddresses("acme"));

        await AssertOnlyErinsPhoneIsRegisteredAsync(phone);
    }

    [Theory]
    [InlineData("2001", "wrong-password")] // erin with a wrong password
    [InlineData("1001", "alice-sip-2026")] // acme's alice, with her own password, in Globex's domain
    public async Task A_phone_without_a_globex_agent_password_is_refused_and_nothing_is_registered(string extension, string password)
    {
        var changes = 0;
        Sip.RegistrationChanged += _ => Interlocked.Increment(ref changes);
        await using var phone = await StartPhoneAsync(extension, password, "udp");

        // baresip reports the final refusal; until then nothing may be bound.
        await phone.WaitForOutputAsync("403", Patience);
        Assert.Equal(0, Volatile.Read(ref changes));
        Assert.Empty(Sip.RegisteredAddresses("globex"));
        Assert.Empty(Sip.RegisteredAddresses("acme"));
    }

    [Fact]
    public async Task A_call_to_the_globex_did_reaches_erins_baresip_through_the_service_queue_with_audio_both_ways_and_only_globex_has_the_cdr()
    {
        NativeTool.Require("tshark", "tshark");
        var telephony = _center.App.Services.GetRequiredService<CallCenterTelephony>();
        var crm = _center.App.Services.GetRequiredService<CrmStoreHost>();
        var completed = new TaskCompletionSource<CenterCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        telephony.CallCompleted += c => completed.TrySetResult(c);

        // Erin's desk phone registers in Globex's domain and erin goes ready on her desk.
        var registered = Registered("erin");
        await using var phone = await StartPhoneAsync(Extension, SipPassword, "udp");
        await registered.Task.WaitAsync(Patience);
        Step("baresip registered: " + phone.Account);
        using var erin = await SignInAsync("globex", "erin", "erin-desk-2026");
        using (var login = await erin.PostAsJsonAsync("/api/tenants/globex/agent/login", new { ready = true }))
        {
            await TestCenter.JsonAsync(login);
        }

        // The caller dials Globex's DID and presses 2 (customer service), then speaks 1 kHz.
        var media = new CallerRtpScript()
            .SilenceUntil(TimeSpan.FromSeconds(1.2)).Key('2')
            .SilenceUntil(TimeSpan.FromSeconds(1.6)).ToneUntil(CallerVoice, AgentHangsUpAt + TimeSpan.FromSeconds(1))
            .SilenceUntil(AgentHangsUpAt + TimeSpan.FromSeconds(4));
        var scenario = SippCaller.Prepare(Path.Combine(_center.Data, "sipp"), media);
        var mediaPort = SippCaller.FreeMediaPort();
        var center = Sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;
        await using var callerEar = await LoopbackRtpTap.StartAsync(mediaPort, Path.Combine(_center.Data, "caller.pcapng"));
        await using var caller = Sipp.Start(
            [.. SippCaller.Arguments(scenario, center, Did, CallerNumber, FreePort.Next(), mediaPort), "-m", "1", "-timeout", "60s"],
            Path.GetDirectoryName(scenario));

        // The IVR answers (the caller's script clock starts), the queue offers the call to erin, her phone answers.
        await phone.WaitForEventAsync("CALL_ESTABLISHED", Patience);
        var call = Assert.Single(telephony.Calls);
        var answered = call.Caller.AnsweredAt ?? throw new InvalidOperationException("erin's phone answered a call the IVR never answered");
        var connectedAfter = DateTimeOffset.UtcNow - answered;
        Step($"erin's phone answered {connectedAfter.TotalSeconds:0.0} s after the IVR");
        Assert.True(connectedAfter < AgentHangsUpAt - TimeSpan.FromSeconds(4),
            $"the caller was connected {connectedAfter.TotalSeconds:0.0} s after the answer; the script needs 4 s of conversation before {AgentHangsUpAt.TotalSeconds} s");
        Assert.Equal("globex", call.Tenant.Id);
        Assert.Equal("service", call.Queue);
        Assert.Equal("erin", call.Agent?.Id);

        var wait = answered + AgentHangsUpAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await phone.HangUpAsync();
        Step("erin hung up");
        await phone.WaitForEventAsync("CALL_CLOSED", Patience);
        var exit = await caller.WaitForExitAsync(Patience);
        var result = Sipp.Parse(exit, caller.StandardOutput, caller.StandardError);
        Assert.True(exit == 0 && result.SuccessfulCalls == 1 && result.FailedCalls == 0, result.ToString());
        var ended = await completed.Task.WaitAsync(Patience);
        Assert.Same(call, ended);
        Assert.Equal(0, telephony.StoreFailures);
        await Task.Delay(300); // the tap prints the last packets

        // Both ways: the caller heard the flow and erin's voice, never its own; erin's phone heard the caller.
        var heardByCaller = callerEar.HearPcmu(Welcome, Menu, HoldMusic, AgentVoice, CallerVoice);
        var callerReport = $"caller heard {heardByCaller.Frames} frames: welcome {heardByCaller.FramesWith(Welcome)}, menu {heardByCaller.FramesWith(Menu)}, " +
            $"hold music {heardByCaller.FramesWith(HoldMusic)}, erin {heardByCaller.FramesWith(AgentVoice)}, own voice {heardByCaller.FramesWith(CallerVoice)}\n{callerEar.Diagnostics}";
        output.WriteLine(callerReport);
        Assert.True(heardByCaller.FramesWith(Welcome) >= 15, callerReport);
        Assert.True(heardByCaller.FramesWith(Menu) >= 10, callerReport);
        Assert.True(heardByCaller.FramesWith(AgentVoice) >= 200, callerReport);
        Assert.Equal(0, heardByCaller.FramesWith(CallerVoice));
        var heardByErin = phone.HeardOnLastCall(CallerVoice, AgentVoice);
        var erinReport = $"baresip heard {heardByErin.Frames} frames: caller {heardByErin.FramesWith(CallerVoice)}, own voice {heardByErin.FramesWith(AgentVoice)}";
        output.WriteLine(erinReport);
        Assert.True(heardByErin.FramesWith(CallerVoice) >= 200, erinReport);
        Assert.Equal(0, heardByErin.FramesWith(AgentVoice));

        // The CDRs are Globex's: the caller's leg through the service queue to erin, erin's leg linked to it; acme has none.
        var day = new CdrQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        var globexCdrs = await crm.Store.Cdrs.QueryAsync(new CrmTenant("globex"), day, new PageRequest(10), CrmRole.Supervisor);
        var acmeCdrs = await crm.Store.Cdrs.QueryAsync(new CrmTenant("acme"), day, new PageRequest(10), CrmRole.Supervisor);
        Assert.Empty(acmeCdrs.Items);
        Assert.Equal(2, globexCdrs.Items.Count);
        var inbound = globexCdrs.Items.Single(r => r.Direction == CallDirection.Inbound);
        Assert.Equal(call.CallId, inbound.CallId);
        Assert.Equal(CallDisposition.Answered, inbound.Disposition);
        Assert.Equal(CallerNumber, inbound.CallerNumber);
        Assert.Equal(Did, inbound.CalledNumber);
        Assert.Equal("service", inbound.Queue);
        Assert.Equal("erin", inbound.Agent);
        Assert.Equal("PCMU", inbound.Codec);
        var agentLeg = globexCdrs.Items.Single(r => r.Direction == CallDirection.Internal);
        Assert.Equal(inbound.CallId, agentLeg.LinkedId);
        Assert.Equal("erin", agentLeg.Agent);
        Assert.Equal(CallDisposition.Answered, agentLeg.Disposition);

        // The supervisors' wallboards: one call offered and answered at Globex, none at Acme.
        using var quinn = await SignInAsync("globex", "quinn", "quinn-super-2026");
        using var sam = await SignInAsync("acme", "sam", "sam-super-2026");
        var globexToday = (await quinn.GetFromJsonAsync<JsonElement>("/api/tenants/globex/supervisor/wallboard")).GetProperty("today");
        var acmeToday = (await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/supervisor/wallboard")).GetProperty("today");
        Assert.Equal(1, globexToday.GetProperty("offered").GetInt64());
        Assert.Equal(1, globexToday.GetProperty("answered").GetInt64());
        Assert.Equal(0, acmeToday.GetProperty("offered").GetInt64());
    }

    private async Task AssertOnlyErinsPhoneIsRegisteredAsync(BaresipAgentPhone phone)
    {
        // Erin's desk and Globex's wallboard show her phone registered (and only hers); Acme's show no phone at all.
        using var erin = await SignInAsync("globex", "erin", "erin-desk-2026");
        using var quinn = await SignInAsync("globex", "quinn", "quinn-super-2026");
        using var alice = await SignInAsync("acme", "alice", "alice-desk-2026");
        using var sam = await SignInAsync("acme", "sam", "sam-super-2026");
        var erinView = await erin.GetFromJsonAsync<JsonElement>("/api/tenants/globex/agent");
        Assert.True(erinView.GetProperty("phoneRegistered").GetBoolean(), phone.Diagnostics);
        var globexPhones = PhonesOnWallboard(await quinn.GetFromJsonAsync<JsonElement>("/api/tenants/globex/supervisor/wallboard"));
        Assert.Equal(new Dictionary<string, bool> { ["erin"] = true, ["frank"] = false, ["grace"] = false }, globexPhones);
        var aliceView = await alice.GetFromJsonAsync<JsonElement>("/api/tenants/acme/agent");
        Assert.False(aliceView.GetProperty("phoneRegistered").GetBoolean());
        var acmePhones = PhonesOnWallboard(await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/supervisor/wallboard"));
        Assert.Equal(["alice", "bob", "carol", "dave"], acmePhones.Keys.Order());
        Assert.DoesNotContain(true, acmePhones.Values);
    }

    private static Dictionary<string, bool> PhonesOnWallboard(JsonElement wallboard) =>
        wallboard.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("phoneRegistered").GetBoolean());

    private TaskCompletionSource<PhoneRegistration> Registered(string agent)
    {
        var registered = new TaskCompletionSource<PhoneRegistration>(TaskCreationOptions.RunContinuationsAsynchronously);
        Sip.RegistrationChanged += r =>
        {
            if (r.Agent == agent && r.Contacts.Count > 0)
            {
                registered.TrySetResult(r);
            }
        };
        return registered;
    }

    private Task<BaresipAgentPhone> StartPhoneAsync(string extension, string password, string transport) =>
        BaresipAgentPhone.StartAsync(Path.Combine(_center.Data, "baresip"), SipPort, extension, password, AgentVoice, domain: Domain, transport: transport);

    private async Task<HttpClient> SignInAsync(string tenant, string user, string password)
    {
        var http = new HttpClient { BaseAddress = ReferenceCenterApp.HttpAddress(_center.App), Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { tenant, user, password });
        var token = (await TestCenter.JsonAsync(response)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private void Step(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
}
