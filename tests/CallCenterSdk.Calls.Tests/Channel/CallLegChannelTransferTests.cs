using CallCenterSdk.Calls.Channel;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;

namespace CallCenterSdk.Calls.Tests.Channel;

/// <summary>
/// How an unanswered extension transfer ends on a real SIP call: the transfer step and the channel both bound the
/// ring on the same duration, and whichever fires first the target is CANCELled with Q.850 19 (no answer) and the
/// flow sees NoAnswer; "caller gone" (16) only when the caller hung up.
/// </summary>
public class CallLegChannelTransferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task When_the_flows_ring_timer_fires_first_the_target_is_cancelled_as_no_answer_q850_19_and_the_result_is_noanswer()
    {
        // The flow runs on a clock the test fires; the channel's own 30 s timer (real time) never gets there.
        await using var rig = await TransferRig.StartAsync();
        var clock = new HeldClock();
        var (caller, ringing, flowRun) = await rig.CallAsync(TimeSpan.FromSeconds(30), new IvrServices { Time = clock });

        Assert.Equal(1, clock.Fire(TimeSpan.FromSeconds(30)));

        var end = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal((487, 19), (end.SipStatus, end.Q850Cause));
        var result = await flowRun.WaitAsync(Timeout);
        Assert.True(result.Outcome == FlowOutcome.HungUp, $"{result.Outcome}: {result.Reason} {result.Error}");
        Assert.Equal("noanswer", result.Variables["after"].AsString);
        await caller.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task When_the_channels_ring_timer_fires_first_the_target_is_cancelled_as_no_answer_q850_19_and_the_result_is_noanswer()
    {
        await using var rig = await TransferRig.StartAsync();
        var (caller, channel) = await rig.AnsweredCallAsync();
        var transfer = channel.TransferAsync(new TransferTarget(TransferTargetKind.Extension, "1001"), TimeSpan.FromSeconds(1), CancellationToken.None);
        var ringing = await rig.Rang.Task.WaitAsync(Timeout);

        var result = await transfer.AsTask().WaitAsync(Timeout);
        Assert.Equal(TransferOutcome.NoAnswer, result.Outcome);
        var end = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal((487, 19), (end.SipStatus, end.Q850Cause));
        Assert.False(channel.IsHungUp);
        await caller.HangupAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task With_both_timers_on_the_same_real_duration_every_attempt_ends_as_no_answer_q850_19()
    {
        // The step arms its timer just before the channel arms its own: before the fix the step's usually won, and
        // the target was CANCELled as "caller gone" (16). Several rounds, so either order shows.
        await using var rig = await TransferRig.StartAsync();
        for (var round = 0; round < 4; round++)
        {
            var (caller, ringing, flowRun) = await rig.CallAsync(TimeSpan.FromMilliseconds(700), new IvrServices());
            var end = await ringing.Completion.WaitAsync(Timeout);
            Assert.True((end.SipStatus, end.Q850Cause) == (487, 19), $"round {round}: {end.SipStatus} Q.850 {end.Q850Cause} {end.Reason}");
            var result = await flowRun.WaitAsync(Timeout);
            Assert.Equal("noanswer", result.Variables["after"].AsString);
            await caller.Completion.WaitAsync(Timeout);
            rig.Reset();
        }
    }

    [Fact]
    public async Task When_the_caller_hangs_up_while_the_target_rings_it_is_cancelled_as_caller_gone_q850_16()
    {
        await using var rig = await TransferRig.StartAsync();
        var (caller, ringing, flowRun) = await rig.CallAsync(TimeSpan.FromSeconds(30), new IvrServices());
        await caller.HangupAsync().WaitAsync(Timeout);

        var end = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal((487, CallEndCause.NormalClearing), (end.SipStatus, end.Q850Cause));
        Assert.Equal(FlowOutcome.CallerHungUp, (await flowRun.WaitAsync(Timeout)).Outcome);
    }

    /// <summary>A caller, an IVR answering with a channel, and an extension that rings and never answers.</summary>
    private sealed class TransferRig : IAsyncDisposable
    {
        private readonly Engines _engines = new();
        private CallEngine _caller = null!;
        private CallEngine _ivr = null!;
        private CallEngine _extension = null!;

        public TaskCompletionSource<CallLeg> Rang { get; private set; } = NewSource<CallLeg>();

        private TaskCompletionSource<CallLegChannel> Answered { get; set; } = NewSource<CallLegChannel>();

        public static async Task<TransferRig> StartAsync()
        {
            var rig = new TransferRig();
            rig._caller = await rig._engines.StartAsync();
            rig._ivr = await rig._engines.StartAsync();
            rig._extension = await rig._engines.StartAsync();
            rig._extension.IncomingCall += leg =>
            {
                leg.Ring();
                rig.Rang.TrySetResult(leg);
            };
            rig._ivr.IncomingCall += leg =>
            {
                leg.Answer();
                var options = new CallLegChannelOptions { DialPlan = t => new TransferRoute(Engines.UriOf(rig._extension, t.Address)), RingbackCountry = null };
                rig.Answered.TrySetResult(new CallLegChannel(rig._ivr, leg, "tenant-a", options));
            };
            return rig;
        }

        public void Reset()
        {
            Rang = NewSource<CallLeg>();
            Answered = NewSource<CallLegChannel>();
        }

        public async Task<(CallLeg Caller, CallLegChannel Channel)> AnsweredCallAsync()
        {
            var caller = _caller.Dial(Engines.UriOf(_ivr, "4001"), "<sip:alice@127.0.0.1>");
            await caller.WaitForAnswerAsync().WaitAsync(Timeout);
            return (caller, await Answered.Task.WaitAsync(Timeout));
        }

        /// <summary>Runs a flow that transfers to extension 1001 and, on failure, records transfer.result and hangs up.</summary>
        public async Task<(CallLeg Caller, CallLeg Ringing, Task<FlowResult> Flow)> CallAsync(TimeSpan ringTimeout, IvrServices services)
        {
            var flow = new FlowBuilder("main")
                .Add(new TransferStep("xfer", TransferTargetKind.Extension, TextTemplate.Parse("1001")) { RingTimeout = ringTimeout, OnFailure = "fallback" })
                .Set("fallback", "bye", ("after", "transfer.result"))
                .HangUp("bye", "transfer failed")
                .Build();
            var (caller, channel) = await AnsweredCallAsync();
            var run = new FlowEngine(services).RunAsync(flow, channel);
            var ringing = await Rang.Task.WaitAsync(Timeout);
            return (caller, ringing, run);
        }

        public ValueTask DisposeAsync() => _engines.DisposeAsync();

        private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Real time for reading the clock; timers fire only when the test says so.</summary>
    private sealed class HeldClock : TimeProvider
    {
        private readonly List<Held> _timers = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Held(callback, state, dueTime);
            lock (_timers)
            {
                _timers.Add(timer);
            }

            return timer;
        }

        /// <summary>Fires every live timer created with <paramref name="dueTime"/>; returns how many fired.</summary>
        public int Fire(TimeSpan dueTime)
        {
            List<Held> due;
            lock (_timers)
            {
                due = [.. _timers.Where(t => t.DueTime == dueTime && !t.Disposed)];
            }

            foreach (var timer in due)
            {
                timer.Callback(timer.State);
            }

            return due.Count;
        }

        private sealed class Held(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
        {
            public TimerCallback Callback { get; } = callback;

            public object? State { get; } = state;

            public TimeSpan DueTime { get; private set; } = dueTime;

            public bool Disposed { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                DueTime = dueTime;
                return !Disposed;
            }

            public void Dispose() => Disposed = true;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
