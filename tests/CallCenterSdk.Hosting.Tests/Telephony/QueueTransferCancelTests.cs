using System.Net;
using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Telephony;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenterSdk.Hosting.Tests.Telephony;

/// <summary>
/// A flow's transfer to a queue on a real call that the flow stops waiting for (step timeout) or the caller leaves:
/// the caller leaves the ACD at once, counted once (a timeout exit, or an abandon when the caller hung up), a phone
/// ringing for it is CANCELled, and no agent made ready later is offered it. Also: a transfer an agent answers stays
/// up until a side hangs up.
/// </summary>
public class QueueTransferCancelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // The transfer step waits 2 s for an agent, then the flow plays a long 700 Hz tone ("later") and hangs up.
    private const string Flow = """
        {
          "schema": "callcentersdk.ivr.flow/1",
          "id": "xfer",
          "start": "welcome",
          "nodes": [
            { "id": "welcome", "type": "play", "prompts": [{ "tone": 500, "seconds": 0.4 }], "next": "queue" },
            { "id": "queue", "type": "transfer", "to": "queue", "address": "support", "ringTimeout": 20,
              "timeout": 2, "onTimeout": "later", "onFailure": "later" },
            { "id": "later", "type": "play", "prompts": [{ "tone": 700, "seconds": 6 }], "next": "bye" },
            { "id": "bye", "type": "hangup" }
          ]
        }
        """;

    // The same with an enqueue step whose maximum wait is 2 s.
    private const string EnqueueFlow = """
        {
          "schema": "callcentersdk.ivr.flow/1",
          "id": "xfer",
          "start": "welcome",
          "nodes": [
            { "id": "welcome", "type": "play", "prompts": [{ "tone": 500, "seconds": 0.4 }], "next": "queue" },
            { "id": "queue", "type": "enqueue", "queue": "support", "announcePosition": false, "maxWait": 2,
              "next": "bye", "onFailure": "later" },
            { "id": "later", "type": "play", "prompts": [{ "tone": 700, "seconds": 6 }], "next": "bye" },
            { "id": "bye", "type": "hangup" }
          ]
        }
        """;

    [Fact]
    public async Task A_queue_transfer_that_times_out_with_no_ready_agent_leaves_the_queue_as_a_timeout_and_is_never_offered()
    {
        await using var rig = await QueueRig.StartAsync();
        rig.Acd.Execute(e => e.Login(rig.Alice, "break"));
        var (caller, hears) = await rig.CallAsync();
        await rig.WaitUntil(() => rig.Waiting().Count == 1, "the caller is queued");

        // The step times out: the flow goes on and the caller, still on the line, has left the queue for good.
        await rig.AssertLeftAsTimeoutAndNeverOfferedAsync(caller, hears);
        await caller.HangupAsync().WaitAsync(Timeout);
        await rig.Completed.Task.WaitAsync(Timeout);
        var figures = rig.Acd.Today(rig.Support);
        Assert.Equal((1L, 0L, 1L), (figures.Offered, figures.Abandoned, figures.Overflowed)); // still counted once
    }

    [Fact]
    public async Task An_enqueue_step_whose_maximum_wait_passes_leaves_the_queue_as_a_timeout_not_an_abandon()
    {
        await using var rig = await QueueRig.StartAsync(EnqueueFlow);
        rig.Acd.Execute(e => e.Login(rig.Alice, "break"));
        var (caller, hears) = await rig.CallAsync();
        await rig.WaitUntil(() => rig.Waiting().Count == 1, "the caller is queued");

        await rig.AssertLeftAsTimeoutAndNeverOfferedAsync(caller, hears);
        await caller.HangupAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_queued_by_a_transfer_is_counted_once_as_abandoned_and_never_offered()
    {
        await using var rig = await QueueRig.StartAsync();
        rig.Acd.Execute(e => e.Login(rig.Alice, "break"));
        var (caller, _) = await rig.CallAsync();
        await rig.WaitUntil(() => rig.Waiting().Count == 1, "the caller is queued");

        await caller.HangupAsync().WaitAsync(Timeout);
        var call = await rig.Completed.Task.WaitAsync(Timeout);
        Assert.Equal(caller.CallId, call.CallId);
        Assert.Empty(rig.Waiting());
        var figures = rig.Acd.Today(rig.Support);
        Assert.Equal((1L, 1L, 0L), (figures.Offered, figures.Abandoned, figures.Overflowed));

        rig.Acd.Execute(e => e.SetReady(rig.Alice));
        await Task.Delay(1500);
        Assert.Equal(AgentState.Available, rig.StateOfAlice());
        Assert.Empty(rig.PhoneCalls);
    }

    [Fact]
    public async Task An_agent_phone_ringing_for_the_caller_is_cancelled_when_the_flow_stops_waiting()
    {
        await using var rig = await QueueRig.StartAsync();
        rig.Acd.Execute(e => e.Login(rig.Alice));
        var (caller, hears) = await rig.CallAsync();
        var phoneLeg = await rig.Ringing.Task.WaitAsync(Timeout);
        Assert.Equal(AgentState.Reserved, rig.StateOfAlice());

        // The step times out after 2 s, far inside the 20 s the phone would otherwise ring: it gets a CANCEL.
        var end = await phoneLeg.Completion.WaitAsync(TimeSpan.FromSeconds(8));
        Assert.Equal((CallEndParty.Remote, 487), (end.Party, end.SipStatus));
        await rig.WaitUntil(() => hears.FramesWith(700) > 10, "the flow went on after the step timeout");
        Assert.Empty(rig.Waiting());
        await rig.WaitUntil(() => rig.StateOfAlice() == AgentState.Available, "alice is free again");
        var figures = rig.Acd.Today(rig.Support);
        Assert.Equal((1L, 0L, 1L, 0L), (figures.Offered, figures.Abandoned, figures.Overflowed, figures.Answered));
        Assert.Single(rig.PhoneCalls);
        await caller.HangupAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_queue_transfer_an_agent_answers_stays_connected_until_the_agent_hangs_up()
    {
        await using var rig = await QueueRig.StartAsync();
        rig.AnswerPhone = true;
        rig.Acd.Execute(e => e.Login(rig.Alice));
        var (caller, hears) = await rig.CallAsync();
        var phoneLeg = await rig.Ringing.Task.WaitAsync(Timeout);
        await phoneLeg.WaitForAnswerAsync().WaitAsync(Timeout);

        // Longer than the step timeout: the transfer completed, so the flow is over but the conversation is not.
        using var voice = phoneLeg.Hear(new CallCenterSdk.Media.Tones.ToneGenerator(
            new CallCenterSdk.Media.Tones.ToneDefinition("agent", [600], -10, [CallCenterSdk.Media.Tones.ToneSegment.Tone(1000)], Repeat: true),
            CallCenterSdk.Media.Audio.AudioFormat.Narrowband));
        await Task.Delay(3000);
        Assert.Equal(CallLegState.Connected, caller.State);
        Assert.Equal(CallLegState.Connected, phoneLeg.State);
        Assert.True(hears.FramesWith(600) > 25, $"the caller hears the agent: {hears.FramesWith(600)} frames");
        Assert.Equal(0, hears.FramesWith(700));

        await phoneLeg.HangupAsync().WaitAsync(Timeout);
        await caller.Completion.WaitAsync(Timeout);
        var call = await rig.Completed.Task.WaitAsync(Timeout);
        Assert.Equal("alice", call.Agent?.Id);
        var figures = rig.Acd.Today(rig.Support);
        Assert.Equal((1L, 1L, 0L, 0L), (figures.Offered, figures.Answered, figures.Abandoned, figures.Overflowed));
    }

    /// <summary>The test center with acme's number on the transfer flow, and Alice's registered phone.</summary>
    private sealed class QueueRig : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];
        private readonly List<CallLeg> _phoneCalls = [];
        private readonly string _flowPath;

        private QueueRig(TestCenter center, string flowPath)
        {
            Center = center;
            _flowPath = flowPath;
            Acd = center.Acd.Find("acme")!;
            Alice = new AgentId(Acd.Tenant, "alice");
            Support = new QueueId(Acd.Tenant, "support");
            Telephony.CallCompleted += c => Completed.TrySetResult(c);
        }

        public TestCenter Center { get; }

        public TenantAcd Acd { get; }

        public AgentId Alice { get; }

        public QueueId Support { get; }

        public bool AnswerPhone { get; set; }

        public CallCenterTelephony Telephony => Center.App.Services.GetRequiredService<CallCenterTelephony>();

        public TaskCompletionSource<CallLeg> Ringing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<CenterCall> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<CallLeg> PhoneCalls
        {
            get { lock (_phoneCalls) { return [.. _phoneCalls]; } }
        }

        private IPEndPoint CenterUdp => Center.Sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;

        private CallEngine Customer { get; set; } = null!;

        public static async Task<QueueRig> StartAsync(string flow = Flow)
        {
            var flowPath = Path.Combine(Path.GetTempPath(), "cc-xfer-" + Guid.NewGuid().ToString("N") + ".json");
            await File.WriteAllTextAsync(flowPath, flow);
            var center = await TestCenter.StartAsync(
                o =>
                {
                    var acme = o.Tenants.Single(t => t.Id == "acme");
                    acme.IvrFlows["xfer"] = flowPath;
                    acme.Numbers[0].Flow = "xfer";
                    acme.Queues.Single(q => q.Id == "support").WrapUpSeconds = 0;
                },
                s => s.AddCallCenterTelephony(configure: t =>
                {
                    t.RtpPortFirst = 0;
                    t.AnnounceAgent = false;
                    t.RecordCalls = false;
                    t.AgentRingSeconds = 120; // a transfer rings the agent for the flow's ring timeout (20 s) instead
                }));
            var rig = new QueueRig(center, flowPath);
            try
            {
                await rig.StartPeersAsync();
                return rig;
            }
            catch
            {
                await rig.DisposeAsync();
                throw;
            }
        }

        public IReadOnlyList<ContactId> Waiting() => Acd.Execute(e => e.GetWaitingContacts(Support));

        public AgentState StateOfAlice() => Acd.Execute(e => e.GetAgentStatus(Alice).State);

        /// <summary>The customer dials acme's number and hears the welcome tone; the flow then transfers to support.</summary>
        public async Task<(CallLeg Caller, ToneProbe Hears)> CallAsync()
        {
            var caller = Customer.Dial($"sip:+4930100@{CenterUdp}", "<sip:+4930100200@customer.invalid>");
            await caller.WaitForAnswerAsync().WaitAsync(Timeout);
            var hears = new ToneProbe(8000, 500, 600, 700);
            _owned.Add(new Listening(caller.Listen(hears)));
            await WaitUntil(() => hears.FramesWith(500) > 5, "the welcome tone");
            return (caller, hears);
        }

        /// <summary>
        /// The flow went on (its 700 Hz tone) with the caller on the line and out of the queue, counted once as a
        /// timeout exit (overflowed), not an abandon; Alice, made ready, is not offered the caller.
        /// </summary>
        public async Task AssertLeftAsTimeoutAndNeverOfferedAsync(CallLeg caller, ToneProbe hears)
        {
            await WaitUntil(() => hears.FramesWith(700) > 10, "the flow went on after the queue wait");
            Assert.Equal(CallLegState.Connected, caller.State);
            Assert.Empty(Waiting());
            var figures = Acd.Today(Support);
            Assert.Equal((1L, 0L, 1L), (figures.Offered, figures.Abandoned, figures.Overflowed));
            Acd.Execute(e => e.SetReady(Alice));
            await Task.Delay(1500);
            Assert.Equal(AgentState.Available, StateOfAlice());
            Assert.Empty(PhoneCalls);
            Assert.Equal(CallLegState.Connected, caller.State);
        }

        public async Task WaitUntil(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "Not in time: " + what);
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                await owned.DisposeAsync();
            }

            await Center.DisposeAsync();
            File.Delete(_flowPath);
        }

        private async Task StartPeersAsync()
        {
            var loopback = new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0));
            var phone = await CallEngine.StartAsync([loopback]);
            _owned.Add(phone);
            phone.IncomingCall += leg =>
            {
                lock (_phoneCalls)
                {
                    _phoneCalls.Add(leg);
                }

                leg.Ring();
                if (AnswerPhone)
                {
                    leg.Answer();
                }

                Ringing.TrySetResult(leg);
            };
            _owned.Insert(0, await TestCenterPhone.RegisterAsync(phone.Stack, CenterUdp, Timeout));
            Customer = await CallEngine.StartAsync([loopback]);
            _owned.Add(Customer);
        }

        private sealed class Listening(IDisposable handle) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                handle.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
