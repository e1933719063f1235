using System.Net;
using System.Text.RegularExpressions;
using CallCenterSdk.Calls;
using CallCenterSdk.Calls.RemoteControl;
using CallCenterSdk.Hosting.Sip;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Hosting.Tests.ReferenceCenter;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CallCenterSdk.Hosting.Tests.Browser;

/// <summary>
/// The reference center in-process with its telephony, a real call through it, and chromium on the wallboard and
/// the agent desk: Alice's phone (the SDK's own UA) registers, Alice logs in and goes ready on the desk, a caller
/// (another UA) dials the DID and picks support in the menu, Alice's phone rings with the screen pop on the desk,
/// she clicks Answer on the desk (the center tells her phone to answer: NOTIFY Event: talk, which the phone obeys
/// from the center only), holds and hangs up on the desk, the caller answers the survey, and Alice's wrap-up notes
/// end her wrap-up. The wallboard follows every step.
/// </summary>
[Collection(Collection)]
public sealed class LiveCallBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The browser tests run one at a time: two chromiums and live RTP on a shared 2-core machine is too much.</summary>
    public const string Collection = "browser";

    // The reference flow's business-hours step (Mon-Fri 09-18 Berlin) would send the caller to voicemail at night,
    // and espeak prompts give no tone to wait for: this flow keeps the shape (caller list, menu, queue, survey)
    // with tones, and replaces acme's main flow for the run.
    private const string Flow = """
        {
          "schema": "callcentersdk.ivr.flow/1",
          "id": "acme-main",
          "version": 1,
          "start": "screen",
          "nodes": [
            { "id": "screen", "type": "callerlist", "list": "default", "next": "welcome" },
            { "id": "welcome", "type": "play", "prompts": [{ "tone": 500, "seconds": 0.4 }], "next": "main-menu" },
            { "id": "main-menu", "type": "menu", "prompts": [{ "tone": 520, "seconds": 0.3 }],
              "options": { "2": "queue" }, "inputTimeout": 8, "maxAttempts": 3, "onFailure": "bye" },
            { "id": "queue", "type": "enqueue", "queue": "support", "holdMusic": [{ "tone": 660, "seconds": 1 }],
              "announcePosition": false, "next": "survey", "onFailure": "bye" },
            { "id": "survey", "type": "survey", "survey": "csat",
              "questions": [{ "id": "satisfaction", "prompts": [{ "tone": 800, "seconds": 0.3 }],
                "scores": { "1": 5, "2": 3, "3": 1 }, "inputTimeout": 8, "maxAttempts": 3 }],
              "next": "bye" },
            { "id": "bye", "type": "hangup" }
          ]
        }
        """;

    private const double Menu = 520, QueueMusic = 660, AgentVoice = 600, Survey = 800, CallerVoice = 1000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TestReferenceCenter _center = new("browser-call");
    private CenterBrowser _browser = null!;

    private Uri Base => _center.Base;

    public async Task InitializeAsync()
    {
        var flow = Path.Combine(_center.Data, "acme-live-call.json");
        await File.WriteAllTextAsync(flow, Flow);
        await _center.StartAsync(
            telephonyInData: true,
            "--CallCenter:Tenants:0:IvrFlows:acme-main", flow,
            // A long wrap-up (support is queue 0), so the desk's notes end it rather than the clock.
            "--CallCenter:Tenants:0:Queues:0:WrapUpSeconds", "600",
            // The call is answered when the test has seen it ring on both pages, not by a deadline.
            "--CallCenter:Telephony:AgentRingSeconds", "300",
            "--CallCenter:Telephony:AnnounceAgent", "false");
        _browser = await CenterBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _center.DisposeAsync();
    }

    [Fact]
    public async Task Desk_goes_ready_a_real_call_rings_with_screen_pop_is_answered_on_the_desk_held_and_hung_up_into_wrap_up_while_the_wallboard_follows()
    {
        var sip = _center.App.Services.GetRequiredService<SipServer>();
        var telephony = _center.App.Services.GetRequiredService<CallCenterTelephony>();
        var center = sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;
        var completed = new TaskCompletionSource<CenterCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        telephony.CallCompleted += c => completed.TrySetResult(c);

        // Alice's phone registers (digest auth, acme's realm) and rings when called, without answering by itself; it
        // allows remote answer from the center (its registrar) only, as a desk phone configured for a call center does.
        await using var phone = await CallEngine.StartAsync(
            [new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))],
            new CallEngineOptions { RemoteAnswer = new RemoteAnswerOptions { TrustedSources = [center] } });
        var remoteAnswered = new TaskCompletionSource<SipEndpoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.RemoteAnswered += (_, source) => remoteAnswered.TrySetResult(source);
        await using var registration = new RegistrationClient(phone.Stack, new RegistrationClientOptions
        {
            RegistrarUri = "sip:acme.callcenter",
            Registrar = new SipEndpoint(SipTransportProtocol.Udp, center),
            AddressOfRecord = "sip:1001@acme.callcenter",
            Username = "1001",
            Password = "alice-sip-2026",
            ContactUser = "1001",
        });
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Registered += (_, _) => registered.TrySetResult();
        registration.Failed += (_, status, reason) => registered.TrySetException(new InvalidOperationException($"registration failed: {status} {reason}"));
        var ringing = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.IncomingCall += leg =>
        {
            leg.Ring();
            ringing.TrySetResult(leg);
        };
        registration.Start();
        await registered.Task.WaitAsync(Timeout);
        Step("phone registered");

        var wallboard = await _browser.SignedInPageAsync(Base, "wallboard.html", "acme", "sam", "sam-super-2026");
        await Assertions.Expect(wallboard.Locator("#live")).ToHaveTextAsync("live");
        var aliceOnBoard = wallboard.Locator("#agents tr[data-agent=alice]");
        await Assertions.Expect(aliceOnBoard.Locator("td").Nth(4)).ToHaveTextAsync("registered");

        // The desk: its hub must be live before the call, since the call id and the screen pop come from pushes.
        var desk = await _browser.SignedInPageAsync(Base, "agent.html", "acme", "alice", "alice-desk-2026");
        await Assertions.Expect(desk.Locator("#live")).ToHaveTextAsync("live");
        await Assertions.Expect(desk.Locator("#phone")).ToHaveTextAsync("phone registered");
        await desk.ClickAsync("#btn-login");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("not-ready");
        await desk.ClickAsync("#btn-ready");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("available");
        await Assertions.Expect(aliceOnBoard.Locator(".state")).ToHaveTextAsync("available");
        await Assertions.Expect(desk.Locator("#btn-answer")).ToBeDisabledAsync();
        Step("alice ready");

        // Erika Mustermann (a seeded customer) calls the DID, hears the menu and presses 2 (RFC 4733) for support.
        await using var customer = await CallEngine.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))]);
        var caller = customer.Dial($"sip:+4930901820@{center}", "<sip:+493012345678@customer.invalid>");
        await caller.WaitForAnswerAsync().WaitAsync(Timeout);
        var callerEar = new CallerEar(new ToneProbe(8000, Menu, QueueMusic, AgentVoice, Survey), AgentVoice);
        using var listening = caller.Listen(callerEar);
        await WaitUntil(() => callerEar.Probe.FramesWith(Menu) > 5, "the caller hears the menu");
        await caller.SendDtmfAsync("2").WaitAsync(Timeout);
        Step("menu: 2");

        // Queued and offered to Alice at once: her phone rings with the caller's number, the wallboard shows the
        // call waiting (masked) with Alice ringing, the desk shows the ringing call and pops Erika's record.
        var agentLeg = await ringing.Task.WaitAsync(Timeout);
        Assert.Equal("+493012345678", agentLeg.RemoteNumber);
        await WaitUntil(() => callerEar.Probe.FramesWith(QueueMusic) > 5, "the caller hears the queue's music");
        var waiting = wallboard.Locator("#waiting tbody tr");
        await Assertions.Expect(waiting).ToHaveCountAsync(1);
        await Assertions.Expect(waiting.Locator(".caller")).ToHaveTextAsync("+********5678");
        await Assertions.Expect(waiting.Locator("td").Last).ToHaveTextAsync("alice");
        await Assertions.Expect(wallboard.Locator("#tile-waiting")).ToHaveTextAsync("1");
        await Assertions.Expect(aliceOnBoard.Locator(".state")).ToHaveTextAsync("ringing");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ringing");
        await Assertions.Expect(desk.Locator("#call-state")).ToHaveTextAsync("ringing");
        await Assertions.Expect(desk.Locator("#customer")).ToContainTextAsync("Erika Mustermann");
        await Assertions.Expect(desk.Locator("#customer")).ToContainTextAsync("+********5678");
        await Assertions.Expect(desk.Locator("#customer")).Not.ToContainTextAsync("3012345678");
        await Assertions.Expect(desk.Locator("#btn-answer")).ToBeEnabledAsync();
        Step("ringing with screen pop");
        await SaveScreenshotsAsync(wallboard, desk, "live-call-ringing");

        // Answer on the desk: the center sends the phone NOTIFY Event: talk and the phone answers its ringing call;
        // connected on the desk, gone from the queue, both sides hear each other.
        Assert.Equal(CallLegState.Ringing, agentLeg.State);
        await desk.ClickAsync("#btn-answer");
        await Assertions.Expect(desk.Locator("#call-message")).ToContainTextAsync("answer accepted");
        await agentLeg.WaitForAnswerAsync().WaitAsync(Timeout);
        Assert.Equal(center, (await remoteAnswered.Task.WaitAsync(Timeout)).Remote);
        var agentEar = new ToneProbe(8000, CallerVoice);
        using var agentListening = agentLeg.Listen(agentEar);
        using var agentVoice = agentLeg.Hear(Steady(AgentVoice));
        var callerVoice = caller.Hear(Steady(CallerVoice));
        await Assertions.Expect(desk.Locator("#call-state")).ToHaveTextAsync("connected");
        await Assertions.Expect(desk.Locator("#btn-answer")).ToBeDisabledAsync();
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("on-call");
        await Assertions.Expect(desk.Locator("#call-id")).ToHaveValueAsync(new Regex(".+"));
        await Assertions.Expect(wallboard.Locator("#waiting tbody tr")).ToHaveCountAsync(0);
        await Assertions.Expect(wallboard.Locator("#tile-waiting")).ToHaveTextAsync("0");
        await Assertions.Expect(aliceOnBoard.Locator(".state")).ToHaveTextAsync("on-call");
        await WaitUntil(() => callerEar.Probe.FramesWith(AgentVoice) > 25 && agentEar.FramesWith(CallerVoice) > 25, "caller and agent hear each other");
        Step("connected");

        // Hold on the desk: the call event says held, the caller hears music on hold and no longer Alice (the
        // center plays the music itself, no re-INVITE), and Alice no longer hears the caller.
        await desk.ClickAsync("#btn-hold");
        await Assertions.Expect(desk.Locator("#call-message")).ToContainTextAsync("hold accepted");
        await Assertions.Expect(desk.Locator("#call-state")).ToHaveTextAsync("on hold");
        await WaitUntil(() => callerEar.LoudFramesSinceAgent >= 50, "the caller hears a second of music on hold without Alice");
        var agentHeardCaller = agentEar.FramesWith(CallerVoice);
        var queueMusic = callerEar.Probe.FramesWith(QueueMusic);
        await WaitUntil(() => callerEar.LoudFramesSinceAgent >= 100, "the caller hears two seconds of music on hold without Alice");
        Assert.True(agentEar.FramesWith(CallerVoice) <= agentHeardCaller + 3, $"Alice still hears the caller on hold: {agentEar.FramesWith(CallerVoice) - agentHeardCaller} frames");
        Assert.Equal(queueMusic, callerEar.Probe.FramesWith(QueueMusic));
        Step("held");
        await SaveScreenshotsAsync(wallboard, desk, "live-call-held");

        // Hang up on the desk: Alice's phone gets the BYE, the desk shows the call ended and Alice in wrap-up, and
        // so does the wallboard; the caller is back in the flow for the survey, answers it and gets the BYE.
        await desk.ClickAsync("#btn-hangup");
        var agentEnded = await agentLeg.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, agentEnded.Party);
        await Assertions.Expect(desk.Locator("#call-state")).ToHaveTextAsync("ended");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("wrap-up");
        await Assertions.Expect(aliceOnBoard.Locator(".state")).ToHaveTextAsync("wrap-up");
        callerVoice.Dispose();
        await WaitUntil(() => callerEar.Probe.FramesWith(Survey) > 5, "the caller hears the survey question");
        await caller.SendDtmfAsync("1").WaitAsync(Timeout);
        var callerEnded = await caller.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, callerEnded.Party);
        var call = await completed.Task.WaitAsync(Timeout);
        Assert.Equal("alice", call.Agent?.Id);
        Assert.Equal("support", call.Queue);
        Assert.Equal(5, call.SurveyScore);
        Assert.True(call.HoldTime >= TimeSpan.FromSeconds(1), $"hold time {call.HoldTime}");
        Step("hung up, survey answered");

        // Wrap-up notes for the contact go to Erika's history and end the wrap-up.
        await Assertions.Expect(desk.Locator("#wrap-contact")).ToHaveValueAsync(new Regex(@"^acme/c\d+$"));
        await desk.FillAsync("#wrap-notes", "Router replaced; customer satisfied.");
        await desk.ClickAsync("#btn-wrap");
        await Assertions.Expect(desk.Locator("#wrap-message")).ToHaveTextAsync("saved to the customer's history");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("available");
        await Assertions.Expect(aliceOnBoard.Locator(".state")).ToHaveTextAsync("available");
        await desk.FillAsync("#pop-number", "+49 30 12345678");
        await desk.ClickAsync("#btn-pop");
        await Assertions.Expect(desk.Locator("#customer")).ToContainTextAsync("Router replaced; customer satisfied.");
        Step("wrap-up saved");
    }

    private void Step(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    private static async Task SaveScreenshotsAsync(IPage wallboard, IPage? desk, string name)
    {
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await wallboard.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + "-wallboard.png"), FullPage = true });
        if (desk is not null)
        {
            await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + "-agent-desk.png"), FullPage = true });
        }
    }

    private static ToneGenerator Steady(double frequency) =>
        new(new ToneDefinition($"{frequency} Hz", [frequency], -10, [ToneSegment.Tone(1000)], Repeat: true), AudioFormat.Narrowband);

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Timeout.TotalSeconds} s: {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The caller's ear: the tone probe, plus the loud frames heard since the agent's voice was last heard (music
    /// on hold counts up, the agent's voice resets it), so "on hold" is a condition to wait for, not a sleep.
    /// </summary>
    private sealed class CallerEar(ToneProbe probe, double agentVoice) : IAudioSink
    {
        private int _loudSinceAgent;

        public ToneProbe Probe => probe;

        public AudioFormat Format => probe.Format;

        public int LoudFramesSinceAgent => Volatile.Read(ref _loudSinceAgent);

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
            var loud = probe.LoudFrames;
            var agent = probe.FramesWith(agentVoice);
            probe.WriteFrame(frame);
            if (probe.FramesWith(agentVoice) > agent)
            {
                Volatile.Write(ref _loudSinceAgent, 0);
            }
            else if (probe.LoudFrames > loud)
            {
                Interlocked.Increment(ref _loudSinceAgent);
            }
        }
    }
}
