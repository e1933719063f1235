using System.Net;
using System.Net.Http.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Calls.RemoteControl;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Hosting.Tests.Telephony;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenterSdk.Hosting.Tests.Api;

/// <summary>
/// POST /agent/answer with the center's telephony and real SIP: a caller waits in acme's support queue, Alice's phone
/// (an SDK engine) rings without answering, and the desk's answer makes the center send the phone NOTIFY Event: talk.
/// Nobody else (another agent of acme, Alice of globex) can answer Alice's call.
/// </summary>
public sealed class AgentAnswerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_desk_answers_the_call_ringing_on_the_agents_phone_and_only_that_agent_can()
    {
        await using var test = await AnswerTest.StartAsync(remoteAnswer: true);
        using var alice = await test.Center.SignInAsync("acme", "alice");
        using var bob = await test.Center.SignInAsync("acme", "bob");
        using var globexAlice = await test.Center.SignInAsync("globex", "alice");

        using var nothing = await alice.PostAsync("/api/tenants/acme/agent/answer", null);
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);

        var (caller, phoneLeg) = await test.CallAliceAsync();

        // Bob of acme (an agent of the same queue, signed in on his desk) and Alice of globex have nothing to answer.
        using var byBob = await bob.PostAsync("/api/tenants/acme/agent/answer", null);
        Assert.Equal(HttpStatusCode.NotFound, byBob.StatusCode);
        using var byGlobex = await globexAlice.PostAsync("/api/tenants/globex/agent/answer", null);
        Assert.Equal(HttpStatusCode.NotFound, byGlobex.StatusCode);
        using var acrossTenants = await globexAlice.PostAsync("/api/tenants/acme/agent/answer", null);
        Assert.Equal(HttpStatusCode.NotFound, acrossTenants.StatusCode);
        Assert.Equal(CallLegState.Ringing, phoneLeg.State);
        Assert.Equal(AgentState.Reserved, test.StateOf("alice"));

        using var answered = await alice.PostAsync("/api/tenants/acme/agent/answer", null);
        var body = await TestCenter.JsonAsync(answered);
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        Assert.Equal(caller.CallId, body.GetProperty("callId").GetString());
        await phoneLeg.WaitForAnswerAsync().WaitAsync(Timeout);
        var (remoteAnswered, source) = await test.RemoteAnswered.Task.WaitAsync(Timeout);
        Assert.Same(phoneLeg, remoteAnswered);
        Assert.Equal(test.CenterUdp, source.Remote);
        await WaitUntil(() => test.Telephony.Find(caller.CallId)?.AgentLeg is { State: CallLegState.Connected });
        await WaitUntil(() => test.StateOf("alice") == AgentState.OnContact);

        // Answered: a second click is a conflict, and still nothing for the others.
        using var again = await alice.PostAsync("/api/tenants/acme/agent/answer", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var bobAgain = await bob.PostAsync("/api/tenants/acme/agent/answer", null);
        Assert.Equal(HttpStatusCode.NotFound, bobAgain.StatusCode);

        await caller.HangupAsync().WaitAsync(Timeout);
        await phoneLeg.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_phone_that_does_not_allow_remote_answer_keeps_ringing_and_the_desk_gets_502()
    {
        await using var test = await AnswerTest.StartAsync(remoteAnswer: false);
        using var alice = await test.Center.SignInAsync("acme", "alice");
        var (caller, phoneLeg) = await test.CallAliceAsync();

        using var refused = await alice.PostAsync("/api/tenants/acme/agent/answer", null);

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("405", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CallLegState.Ringing, phoneLeg.State);
        Assert.Equal(AgentState.Reserved, test.StateOf("alice"));

        // Answered on the phone instead, as with baresip.
        phoneLeg.Answer();
        await WaitUntil(() => test.StateOf("alice") == AgentState.OnContact);
        await caller.HangupAsync().WaitAsync(Timeout);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not within the timeout.");
            await Task.Delay(50);
        }
    }

    /// <summary>The center with telephony (acme's number runs the tone flow), Alice's registered phone, a caller engine.</summary>
    private sealed class AnswerTest : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];

        private AnswerTest(TestCenter center) => Center = center;

        public TestCenter Center { get; }

        public CallCenterTelephony Telephony => Center.App.Services.GetRequiredService<CallCenterTelephony>();

        public IPEndPoint CenterUdp => Center.Sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;

        public CallEngine Phone { get; private set; } = null!;

        public CallEngine Customer { get; private set; } = null!;

        public TaskCompletionSource<CallLeg> Ringing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<(CallLeg, SipEndpoint)> RemoteAnswered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<AnswerTest> StartAsync(bool remoteAnswer)
        {
            var center = await TestCenter.StartAsync(
                o =>
                {
                    var acme = o.Tenants.Single(t => t.Id == "acme");
                    acme.IvrFlows["call"] = "Flows/call.json";
                    acme.Numbers[0].Flow = "call";
                },
                s => s.AddCallCenterTelephony(configure: t =>
                {
                    t.RtpPortFirst = 0;
                    t.AnnounceAgent = false;
                    t.RecordCalls = false;
                    t.AgentRingSeconds = 120; // the test answers, not the clock
                    t.SpeechCachePath = Path.Combine(Path.GetTempPath(), "cc-answer-tts");
                }));
            var test = new AnswerTest(center);
            try
            {
                await test.StartPeersAsync(remoteAnswer);
                return test;
            }
            catch
            {
                await test.DisposeAsync();
                throw;
            }
        }

        public AgentState StateOf(string agent)
        {
            var acme = Center.Acd.Find("acme")!;
            return acme.Execute(e => e.GetAgentStatus(new AgentId(acme.Tenant, agent)).State);
        }

        /// <summary>A caller dials acme's number, presses 1 for support, and Alice's phone rings (unanswered).</summary>
        public async Task<(CallLeg Caller, CallLeg PhoneLeg)> CallAliceAsync()
        {
            var caller = Customer.Dial($"sip:+4930100@{CenterUdp}", "<sip:+4930100200@customer.invalid>");
            await caller.WaitForAnswerAsync().WaitAsync(Timeout);
            var menu = new ToneProbe(8000, 520);
            using (caller.Listen(menu))
            {
                await WaitUntil(() => menu.FramesWith(520) > 5);
            }

            await caller.SendDtmfAsync("1").WaitAsync(Timeout);
            var phoneLeg = await Ringing.Task.WaitAsync(Timeout);
            await WaitUntil(() => StateOf("alice") == AgentState.Reserved);
            return (caller, phoneLeg);
        }

        private async Task StartPeersAsync(bool remoteAnswer)
        {
            var loopback = new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0));
            Phone = await CallEngine.StartAsync([loopback], new CallEngineOptions
            {
                // The phone obeys its registrar only.
                RemoteAnswer = remoteAnswer ? new RemoteAnswerOptions { TrustedSources = [CenterUdp] } : null,
            });
            _owned.Add(Phone);
            Phone.IncomingCall += leg =>
            {
                leg.Ring();
                Ringing.TrySetResult(leg);
            };
            Phone.RemoteAnswered += (leg, source) => RemoteAnswered.TrySetResult((leg, source));
            _owned.Insert(0, await TestCenterPhone.RegisterAsync(Phone.Stack, CenterUdp, Timeout));
            Customer = await CallEngine.StartAsync([loopback]);
            _owned.Add(Customer);

            // Alice of acme is ready (Bob stays logged out, so the offer is hers); Alice of globex is ready too.
            foreach (var (tenant, agent) in new[] { ("acme", "alice"), ("globex", "alice") })
            {
                var acd = Center.Acd.Find(tenant)!;
                var id = new AgentId(acd.Tenant, agent);
                acd.Execute(e =>
                {
                    e.Login(id);
                    e.SetReady(id);
                });
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                await owned.DisposeAsync();
            }

            await Center.DisposeAsync();
        }
    }
}
