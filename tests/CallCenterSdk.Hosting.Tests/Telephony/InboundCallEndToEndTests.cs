using Xunit.Abstractions;
using System.Net;
using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Tenancy;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Media.Wav;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Hosting.Tests.Telephony;

public class InboundCallEndToEndTests(ITestOutputHelper output)
{
    private void Step(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Caller_navigates_the_ivr_waits_is_bridged_to_the_agent_and_answers_the_survey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cc-telephony-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddCallCenter(o =>
        {
            o.Sip.Listen = "127.0.0.1:0";
            o.Storage.SqlitePath = Path.Combine(directory, "center.db");
            var t = new TenantOptions { Id = "acme", Name = "ACME" };
            t.Numbers.Add(new NumberOptions { Number = "+4930100", Flow = "call" });
            t.IvrFlows["call"] = "Flows/call.json";
            t.Queues.Add(new QueueOptions { Id = "support", Name = "support", WrapUpSeconds = 0 });
            var alice = new AgentOptions { Id = "alice", Name = "Alice", Extension = "1001", Password = "sip-secret-1" };
            alice.Queues.Add("support");
            t.Agents.Add(alice);
            o.Tenants.Add(t);
        });
        builder.Services.AddCallCenterTelephony(configure: o =>
        {
            o.RtpPortFirst = 0;
            o.AnnounceAgent = false;
            o.RecordingsPath = Path.Combine(directory, "recordings");
        });
        Step("building");
        await using var app = builder.Build();
        app.MapCallCenter();
        Step("starting");
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(startTimeout.Token);
        Step("center started");
        var telephony = app.Services.GetRequiredService<CallCenterTelephony>();
        var sip = app.Services.GetRequiredService<SipServer>();
        var acd = app.Services.GetRequiredService<CallCenterAcd>().Find("acme")!;
        var crm = app.Services.GetRequiredService<CrmStoreHost>();
        var center = sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;
        var completed = new TaskCompletionSource<CenterCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        telephony.CallCompleted += c => completed.TrySetResult(c);

        // Alice's phone registers with digest auth, and Alice logs in and is ready.
        await using var phone = await CallEngine.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))]);
        await using var registration = new RegistrationClient(phone.Stack, new RegistrationClientOptions
        {
            RegistrarUri = "sip:acme.callcenter",
            Registrar = new SipEndpoint(SipTransportProtocol.Udp, center),
            AddressOfRecord = "sip:1001@acme.callcenter",
            Username = "1001",
            Password = "sip-secret-1",
            ContactUser = "1001",
        });
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Registered += (_, _) => registered.TrySetResult();
        registration.Start();
        await registered.Task.WaitAsync(Timeout);
        Step("registered");
        var aliceId = new AgentId(new CallCenterSdk.Acd.TenantId("acme"), "alice");
        acd.Execute(e => { e.Login(aliceId); e.SetReady(aliceId); });

        var agentLeg = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.IncomingCall += leg =>
        {
            leg.Ring();
            leg.Answer();
            agentLeg.TrySetResult(leg);
        };

        // The caller dials the DID, hears the menu, presses 1 (RFC 4733) and waits in the queue.
        await using var customer = await CallEngine.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))]);
        var caller = customer.Dial($"sip:+4930100@{center}", "<sip:+4917012345678@customer.invalid>");
        await caller.WaitForAnswerAsync().WaitAsync(Timeout);
        Step("caller answered by the ivr");
        var callerHears = new ToneProbe(8000, 520, 600, 800);
        using var callerEar = caller.Listen(callerHears);
        await WaitUntil(() => callerHears.FramesWith(520) > 5);
        Step("menu heard");
        await caller.SendDtmfAsync("1").WaitAsync(Timeout);
        Step("1 sent");

        // Alice's phone rings; she answers and each side hears the other's voice.
        var alice = await agentLeg.Task.WaitAsync(Timeout);
        Step("alice rings");
        Assert.Equal("1001", alice.LocalNumber);
        Assert.Equal("+4917012345678", alice.RemoteNumber);
        await alice.WaitForAnswerAsync().WaitAsync(Timeout);
        var aliceHears = new ToneProbe(8000, 1000);
        using var aliceEar = alice.Listen(aliceHears);
        using var aliceVoice = alice.Hear(Steady(600));
        using var callerVoice = caller.Hear(Steady(1000));
        await WaitUntil(() => callerHears.FramesWith(600) > 50 && aliceHears.FramesWith(1000) > 50);
        Step("both hear each other");

        // The agent desk holds the caller (music, Alice no longer heard) and resumes; the ACD contact id the
        // desk may hold from the real-time events names the same call as the SIP Call-ID.
        var actor = new CallCenterSdk.Hosting.Calls.CallActor("acme", "alice", "alice");
        var contactId = telephony.Find(caller.CallId)!.Contact!.Value.ToString();
        var held = await telephony.HoldAsync(actor, contactId, CancellationToken.None);
        Assert.Equal(CallCenterSdk.Hosting.Calls.CallActionStatus.Accepted, held.Status);
        await Task.Delay(1000); // what was in flight and in the caller's jitter buffer plays out first
        var aliceBefore = callerHears.FramesWith(600);
        var loudBefore = callerHears.LoudFrames;
        await Task.Delay(2200); // more than one 2 s cycle of the music (0.8 s of tone, 40 frames), wherever it starts
        Assert.True(callerHears.FramesWith(600) <= aliceBefore + 3, $"the caller still hears Alice while on hold: {callerHears.FramesWith(600) - aliceBefore} frames");
        Assert.True(callerHears.LoudFrames > loudBefore + 20, "no music on hold");
        var other = await telephony.HoldAsync(new CallCenterSdk.Hosting.Calls.CallActor("globex", "alice", "alice"), caller.CallId, CancellationToken.None);
        Assert.Equal(CallCenterSdk.Hosting.Calls.CallActionStatus.NotFound, other.Status);
        var resumed = await telephony.ResumeAsync(actor, caller.CallId, CancellationToken.None);
        Assert.Equal(CallCenterSdk.Hosting.Calls.CallActionStatus.Accepted, resumed.Status);
        var afterResume = callerHears.FramesWith(600);
        await WaitUntil(() => callerHears.FramesWith(600) > afterResume + 25);
        Step("hold and resume");

        // Alice hangs up: the caller is back in the flow for the survey and presses 1 (score 5).
        await alice.HangupAsync().WaitAsync(Timeout);
        await WaitUntil(() => callerHears.FramesWith(800) > 5);
        Step("survey heard");
        callerVoice.Dispose();
        await caller.SendDtmfAsync("1").WaitAsync(Timeout);
        Step("survey answered");
        var ended = await caller.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, ended.Party);

        Step("caller ended");
        var call = await completed.Task.WaitAsync(Timeout);
        Step("call completed");
        Assert.Equal("alice", call.Agent?.Id);
        Assert.Equal(5, call.SurveyScore);

        // The CDRs: the caller's leg (answered, queue, agent, survey, recording) and Alice's leg.
        var tenant = new CallCenterSdk.Crm.Tenancy.TenantId("acme");
        var day = (DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        var page = await crm.Store.Cdrs.QueryAsync(tenant, new CdrQuery(day.Item1, day.Item2), new PageRequest(10), CallCenterSdk.Crm.Masking.CrmRole.Supervisor);
        Assert.Equal(2, page.Items.Count);
        var inbound = page.Items.Single(r => r.Direction == CallCenterSdk.Crm.Cdr.CallDirection.Inbound);
        Assert.Equal(CallDisposition.Answered, inbound.Disposition);
        Assert.Equal("support", inbound.Queue);
        Assert.Equal("alice", inbound.Agent);
        Assert.Equal(5, inbound.SurveyScore);
        Assert.Equal("PCMU", inbound.Codec);
        Assert.NotNull(inbound.RecordingId);
        Assert.Contains("queue", inbound.IvrPath, StringComparison.Ordinal);
        var agentRecord = page.Items.Single(r => r.Direction == CallCenterSdk.Crm.Cdr.CallDirection.Internal);
        Assert.Equal(inbound.CallId, agentRecord.LinkedId);
        Assert.Equal("alice", agentRecord.Agent);

        // Only the caller's leg is a queue leg: reports count CDRs with a queue, so the call is offered once.
        Assert.Null(agentRecord.Queue);
        var kpis = await crm.Store.Reports.GetKpisAsync(tenant, new CallCenterSdk.Crm.Reports.KpiRequest(day.Item1, day.Item2));
        Assert.Equal(1, kpis.Sum(k => k.Counts.Offered));
        Assert.Equal(1, kpis.Sum(k => k.Counts.Answered));

        // The recording: two channels, the caller's 1000 Hz on the left, Alice's 600 Hz on the right.
        var recordings = await crm.Store.Recordings.SearchAsync(tenant, new RecordingQuery(day.Item1, day.Item2), new PageRequest(10), CallCenterSdk.Crm.Masking.CrmRole.Supervisor);
        var recording = Assert.Single(recordings.Items);
        Assert.Equal(inbound.RecordingId, recording.RecordingId);
        using var wav = WavReader.Open(recording.Location);
        Assert.Equal(2, wav.Format.Channels);
        var left = new ToneProbe(wav.Format.SampleRate, 1000, 600);
        var right = new ToneProbe(wav.Format.SampleRate, 1000, 600);
        var frame = new short[wav.Format.SamplesPerFrame];
        Assert.Equal(320, frame.Length);
        var l = new short[frame.Length / 2];
        var r = new short[frame.Length / 2];
        int n;
        while ((n = wav.Read(frame)) == frame.Length)
        {
            for (var i = 0; i < l.Length; i++)
            {
                l[i] = frame[2 * i];
                r[i] = frame[(2 * i) + 1];
            }

            left.WriteFrame(l);
            right.WriteFrame(r);
        }

        Assert.True(left.FramesWith(1000) > 40, $"caller channel: {left.FramesWith(1000)} frames of 1000 Hz");
        Assert.True(right.FramesWith(600) > 40, $"agent channel: {right.FramesWith(600)} frames of 600 Hz");
        Assert.Equal(0, left.FramesWith(600));
        Assert.Equal(0, right.FramesWith(1000));
    }

    private static ToneGenerator Steady(double frequency) =>
        new(new ToneDefinition($"{frequency} Hz", [frequency], -10, [ToneSegment.Tone(1000)], Repeat: true), AudioFormat.Narrowband);

    private static async Task WaitUntil(Func<bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }
}
