using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>
/// Issue #11's end-to-end test with real peers. A baresip agent phone registers with digest auth and answers
/// automatically; sipp calls the DID, picks 1 then 3 in the IVR with RFC 4733 events, waits in the support queue,
/// is connected to the agent and speaks a 1 kHz tone while the agent's phone speaks 700 Hz; the agent hangs up
/// (ctrl_tcp), the caller presses 2 in the survey and the center hangs up. Checked: what each peer heard (tshark at
/// sipp's media port, baresip's decoded dump), the CDRs, the two-channel recording, the survey score, and the
/// wallboard against the report.
/// </summary>
[Collection(RealPeers.Name)]
public sealed class SippBaresipEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string Did = "+4930100";
    private const string CallerNumber = "+4930100200";
    private const double CallerTone = 1000;
    private const double AgentTone = 700;
    private const double MainMenuTone = 550; // sipp-ivr.json's prompts
    private const double SupportMenuTone = 1200;
    private const double SurveyTone = 850;

    // The caller's stream, from the ACK: keys at 1.2 s and 2.2 s, the tone from 2.6 s; the agent hangs up at 13 s and
    // the survey key follows 3 s later (again 3 and 6 s after that in case one is lost; the center hangs up after the first).
    private static readonly TimeSpan AgentHangsUpAt = TimeSpan.FromSeconds(13);
    private static readonly TimeSpan SurveyKeyAt = AgentHangsUpAt + TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _work = Directory.CreateTempSubdirectory("cc-sipp-e2e-").FullName;

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

    private void Step(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    [Fact]
    public async Task Sipp_caller_navigates_the_ivr_with_rfc4733_reaches_the_baresip_agent_with_audio_both_ways_and_answers_the_survey()
    {
        var sipp = Sipp.Executable;
        NativeTool.Require("baresip", "baresip");
        NativeTool.Require("tshark", "tshark");

        await using var center = await TestCenter.StartAsync(
            o =>
            {
                o.Sip.AddressTenant = "acme";
                o.Sip.DigestAlgorithms.Add("MD5"); // baresip 1.0 answers only the first challenge and knows only MD5
                var acme = o.Tenants.Single(t => t.Id == "acme");
                acme.IvrFlows["sipp"] = "EndToEnd/sipp-ivr.json";
                acme.Numbers.Single(n => n.Number == Did).Flow = "sipp";
            },
            services => services.AddCallCenterTelephony(configure: t =>
            {
                t.RtpPortFirst = 0;
                t.RecordingsPath = Path.Combine(_work, "recordings");
                t.SpeechCachePath = Path.Combine(_work, "tts");
            }));
        var telephony = center.App.Services.GetRequiredService<CallCenterTelephony>();
        var crm = center.App.Services.GetRequiredService<CrmStoreHost>();
        var sip = center.Sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;
        var completed = new TaskCompletionSource<CenterCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        telephony.CallCompleted += c => completed.TrySetResult(c);
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        center.Sip.RegistrationChanged += r => { if (r.Agent == "alice" && r.Contacts.Count > 0) { registered.TrySetResult(); } };

        // Alice's desk phone registers (digest, MD5) and Alice logs in ready from the agent desk.
        await using var phone = await BaresipAgentPhone.StartAsync(Path.Combine(_work, "baresip"), sip.Port, "1001", "sip-" + TestCenter.Password, AgentTone);
        await registered.Task.WaitAsync(Patience);
        Step("baresip registered");
        using var alice = await center.SignInAsync("acme", "alice");
        using (var login = await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { ready = true }))
        {
            await TestCenter.JsonAsync(login);
        }

        // The caller's RTP: menu 1, support menu 3, a 1 kHz voice while queued and connected, survey 2 (score 3).
        var media = new CallerRtpScript()
            .SilenceUntil(TimeSpan.FromSeconds(1.2)).Key('1')
            .SilenceUntil(TimeSpan.FromSeconds(2.2)).Key('3')
            .SilenceUntil(TimeSpan.FromSeconds(2.6)).ToneUntil(CallerTone, AgentHangsUpAt + TimeSpan.FromSeconds(1))
            .SilenceUntil(SurveyKeyAt).Key('2')
            .SilenceUntil(SurveyKeyAt + TimeSpan.FromSeconds(3)).Key('2')
            .SilenceUntil(SurveyKeyAt + TimeSpan.FromSeconds(6)).Key('2')
            .SilenceUntil(SurveyKeyAt + TimeSpan.FromSeconds(12));
        var scenario = SippCaller.Prepare(Path.Combine(_work, "sipp"), media);
        var mediaPort = SippCaller.FreeMediaPort();
        await using var callerEar = await LoopbackRtpTap.StartAsync(mediaPort, Path.Combine(_work, "caller.pcapng"));
        Step("tshark captures");
        await using var caller = Sipp.Start(
            [.. SippCaller.Arguments(scenario, sip, Did, CallerNumber, FreePort.Next(), mediaPort), "-m", "1", "-timeout", "80s"],
            Path.GetDirectoryName(scenario));

        // The center answers with the IVR: the caller's stream starts with the ACK.
        var call = await WaitForAsync(() => telephony.Calls.FirstOrDefault(c => c.Caller.AnsweredAt is not null), caller);
        var answered = call.Caller.AnsweredAt!.Value;
        Step($"ivr answered {call.CallId}");
        await WaitForAsync(() => call.Bridge is not null ? call : null, caller);
        var bridgedAfter = DateTimeOffset.UtcNow - answered;
        Step($"bridged after {bridgedAfter.TotalSeconds:0.0} s");
        Assert.True(bridgedAfter < AgentHangsUpAt - TimeSpan.FromSeconds(4),
            $"the caller was connected {bridgedAfter.TotalSeconds:0.0} s after the answer; the script needs 4 s of conversation before {AgentHangsUpAt.TotalSeconds} s");
        await phone.WaitForEventAsync("CALL_ESTABLISHED", Patience);

        // Alice hangs up on the caller's script clock; the caller stays for the survey and the center ends the call.
        var wait = answered + AgentHangsUpAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await phone.HangUpAsync();
        Step("alice hung up");
        await phone.WaitForEventAsync("CALL_CLOSED", Patience);
        var exit = await caller.WaitForExitAsync(Patience);
        var result = Sipp.Parse(exit, caller.StandardOutput, caller.StandardError);
        Step("sipp done");
        Assert.True(exit == 0 && result.SuccessfulCalls == 1 && result.FailedCalls == 0, result.ToString());
        var ended = await completed.Task.WaitAsync(Patience);
        Step("call completed");
        await Task.Delay(300); // the tap prints the last packets

        Assert.Same(call, ended);
        Assert.Equal("alice", ended.Agent?.Id);
        Assert.Equal(3, ended.SurveyScore);
        Assert.Equal(0, telephony.StoreFailures);

        // What sipp was sent: each menu once (0.4 s: 20 frames), Alice's voice while connected, the survey question;
        // never its own voice back. The flow's tones are 100 Hz or more apart: a 20 ms frame resolves 50 Hz.
        var heardByCaller = callerEar.HearPcmu(MainMenuTone, SupportMenuTone, AgentTone, SurveyTone, CallerTone);
        var callerReport = $"caller heard {heardByCaller.Frames} frames: main menu {heardByCaller.FramesWith(MainMenuTone)}, support menu {heardByCaller.FramesWith(SupportMenuTone)}, " +
            $"agent {heardByCaller.FramesWith(AgentTone)}, survey {heardByCaller.FramesWith(SurveyTone)}, own voice {heardByCaller.FramesWith(CallerTone)}\n{callerEar.Diagnostics}";
        output.WriteLine(callerReport);
        Assert.True(heardByCaller.FramesWith(MainMenuTone) is >= 15 and <= 25, callerReport);
        Assert.True(heardByCaller.FramesWith(SupportMenuTone) is >= 15 and <= 25, callerReport);
        Assert.True(heardByCaller.FramesWith(AgentTone) >= 200, callerReport);
        Assert.True(heardByCaller.FramesWith(SurveyTone) is >= 15 and <= 25, callerReport);
        Assert.Equal(0, heardByCaller.FramesWith(CallerTone));

        // What Alice's phone heard: the caller's voice.
        var heardByAgent = phone.HeardOnLastCall(CallerTone, AgentTone);
        var agentReport = $"baresip heard {heardByAgent.Frames} frames: {CallerTone} Hz {heardByAgent.FramesWith(CallerTone)}, {AgentTone} Hz {heardByAgent.FramesWith(AgentTone)}";
        output.WriteLine(agentReport);
        Assert.True(heardByAgent.FramesWith(CallerTone) >= 200, agentReport);
        Assert.Equal(0, heardByAgent.FramesWith(AgentTone));

        // The CDRs: the caller's leg with queue, agent, wait, IVR path, survey and recording; Alice's leg linked to it.
        var tenant = new CrmTenant("acme");
        var day = (From: DateTimeOffset.UtcNow.AddHours(-1), To: DateTimeOffset.UtcNow.AddHours(1));
        var cdrs = await crm.Store.Cdrs.QueryAsync(tenant, new CdrQuery(day.From, day.To), new PageRequest(10), CrmRole.Supervisor);
        Assert.Equal(2, cdrs.Items.Count);
        var inbound = cdrs.Items.Single(r => r.Direction == CallDirection.Inbound);
        Assert.Equal(call.CallId, inbound.CallId);
        Assert.Equal(CallDisposition.Answered, inbound.Disposition);
        Assert.Equal(CallerNumber, inbound.CallerNumber);
        Assert.Equal(Did, inbound.CalledNumber);
        Assert.Equal("support", inbound.Queue);
        Assert.Equal("alice", inbound.Agent);
        Assert.Equal("sipp/welcome>sipp/menu>sipp/support-menu>sipp/support>sipp/survey>sipp/bye", inbound.IvrPath);
        // The ACD's wait, taken between the center queueing the caller and seeing the agent answer, in whole ms.
        Assert.Equal(ended.QueueWait!.Value.Ticks / TimeSpan.TicksPerMillisecond, inbound.QueueWaitMilliseconds);
        Assert.InRange(inbound.QueueWaitMilliseconds, 0, (long)(ended.AgentAnsweredAt!.Value - ended.QueuedAt!.Value).TotalMilliseconds);
        Assert.InRange(inbound.QueueWaitSeconds, 0, 5);
        Assert.Equal(3, inbound.SurveyScore);
        Assert.Equal("PCMU", inbound.Codec);
        Assert.NotNull(inbound.RecordingId);
        Assert.InRange(inbound.BillableSeconds, (int)SurveyKeyAt.TotalSeconds - 1, (int)SurveyKeyAt.TotalSeconds + 5);
        var agentLeg = cdrs.Items.Single(r => r.Direction == CallDirection.Internal);
        Assert.Equal(inbound.CallId, agentLeg.LinkedId);
        Assert.Equal("alice", agentLeg.Agent);
        Assert.Equal(CallDisposition.Answered, agentLeg.Disposition);
        Assert.Null(agentLeg.Queue); // the caller's leg is the queue leg; the agent's would count twice in reports

        // The recording: two channels, the caller's tone on the left, Alice's on the right, each only there.
        var recordings = await crm.Store.Recordings.SearchAsync(tenant, new RecordingQuery(day.From, day.To), new PageRequest(10), CrmRole.Supervisor);
        var recording = Assert.Single(recordings.Items);
        Assert.Equal(inbound.RecordingId, recording.RecordingId);
        Assert.Equal("alice", recording.Agent);
        var (left, right, channels, length) = TwoChannelRecording.Hear(recording.Location, CallerTone, AgentTone);
        var recordingReport = $"recording {length.TotalSeconds:0.0} s: left {CallerTone} Hz {left.FramesWith(CallerTone)}, {AgentTone} Hz {left.FramesWith(AgentTone)}; " +
            $"right {AgentTone} Hz {right.FramesWith(AgentTone)}, {CallerTone} Hz {right.FramesWith(CallerTone)}";
        output.WriteLine(recordingReport);
        Assert.Equal(2, channels);
        Assert.True(left.FramesWith(CallerTone) >= 200, recordingReport);
        Assert.True(right.FramesWith(AgentTone) >= 200, recordingReport);
        Assert.Equal(0, left.FramesWith(AgentTone));
        Assert.Equal(0, right.FramesWith(CallerTone));

        // The supervisor's wallboard and the day's report agree on the call and the survey is in the report.
        using var sam = await center.SignInAsync("acme", "sam");
        var wallboard = await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/supervisor/wallboard");
        var today = wallboard.GetProperty("today");
        var rows = await sam.GetFromJsonAsync<JsonElement>("/api/tenants/acme/reports/kpis?granularity=day&dimension=tenant");
        var row = Assert.Single(rows.EnumerateArray());
        var counts = row.GetProperty("counts");
        Assert.Equal(1, today.GetProperty("offered").GetInt64());
        Assert.Equal(1, today.GetProperty("answered").GetInt64());
        Assert.Equal(1, counts.GetProperty("offered").GetInt64());
        Assert.Equal(1, counts.GetProperty("answered").GetInt64());
        Assert.Equal(0, counts.GetProperty("abandoned").GetInt64());
        Assert.Equal(1, counts.GetProperty("surveyCount").GetInt64());
        Assert.Equal(3, counts.GetProperty("surveySum").GetInt64());
        Assert.Equal(today.GetProperty("serviceLevel").GetDouble(), row.GetProperty("serviceLevel").GetDouble());
        Step(string.Create(CultureInfo.InvariantCulture, $"wallboard ASA {today.GetProperty("asaSeconds").GetDouble():0.000} s, report ASA {row.GetProperty("averageSpeedOfAnswer").GetDouble():0.000} s, CDR wait {inbound.QueueWaitMilliseconds} ms"));
        Assert.Equal(today.GetProperty("asaSeconds").GetDouble(), row.GetProperty("averageSpeedOfAnswer").GetDouble());
        Assert.Equal(inbound.QueueWaitMilliseconds / 1000.0, row.GetProperty("averageSpeedOfAnswer").GetDouble());
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, PeerProcess peer)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Not reached in {Patience}.\nsipp:\n{peer.StandardOutput}\n{peer.StandardError}");
    }
}
