using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Queueing;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Steps;

public class TransferAndQueueTests
{
    [Theory]
    [InlineData(TransferTargetKind.Queue, "support")]
    [InlineData(TransferTargetKind.Agent, "agent-42")]
    [InlineData(TransferTargetKind.Extension, "8001")]
    [InlineData(TransferTargetKind.External, "+8610123456")]
    public async Task Successful_transfer_ends_the_flow_as_transferred(TransferTargetKind kind, string address)
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t").Add(new TransferStep("x", kind, TextTemplate.Parse(address)) { Prompts = [Prompt.Say("connecting")] }).Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal(FlowOutcome.Transferred, result.Outcome);
        Assert.Equal(new TransferTarget(kind, address), rig.Channel.Transfers.Single());
        Assert.Equal("text:connecting", rig.Channel.Prompts.Single().Description);
    }

    [Theory]
    [InlineData(TransferOutcome.Busy, "busy")]
    [InlineData(TransferOutcome.NoAnswer, "noanswer")]
    [InlineData(TransferOutcome.Rejected, "rejected")]
    [InlineData(TransferOutcome.Failed, "failed")]
    public async Task Failed_transfer_comes_back_into_the_flow(TransferOutcome outcome, string expected)
    {
        var rig = new IvrRig();
        rig.Channel.TransferResponder = _ => new TransferResult(outcome, "486 Busy Here");
        var flow = new FlowBuilder("t")
            .Add(new TransferStep("x", TransferTargetKind.Extension, TextTemplate.Parse("8001")) { OnFailure = "vm" })
            .Play("vm", null, Prompt.Say("leave a message"))
            .Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal(FlowOutcome.Completed, result.Outcome);
        Assert.Equal(expected, result.Variables["transfer.result"].ToString());
        Assert.Equal("text:leave a message", rig.Channel.Prompts.Single().Description);
    }

    private static IvrFlow TransferOrVoicemail(TransferTargetKind kind, TimeSpan ringTimeout) => new FlowBuilder("t")
        .Add(new TransferStep("x", kind, TextTemplate.Parse("8001")) { RingTimeout = ringTimeout, OnFailure = "vm" })
        .HangUp("vm", "back in the flow: {transfer.result}")
        .Build();

    private static double SecondsSinceStart(IvrRig rig) => (rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds;

    [Theory]
    [InlineData(TransferTargetKind.Extension)]
    [InlineData(TransferTargetKind.Agent)]
    [InlineData(TransferTargetKind.External)]
    public async Task A_target_that_never_answers_is_abandoned_at_the_ring_timeout_and_the_caller_comes_back_as_noanswer(TransferTargetKind kind)
    {
        var rig = new IvrRig();
        rig.Channel.TransferResponder = _ => new TransferResult(TransferOutcome.NoAnswer);
        var result = await rig.RunAsync(TransferOrVoicemail(kind, TimeSpan.FromSeconds(20)));
        Assert.Equal((FlowOutcome.HungUp, "back in the flow: noanswer"), (result.Outcome, result.Reason));
        // The test channel rings until it is told to stop: the step stopped it at 20 s of simulated time.
        Assert.InRange(SecondsSinceStart(rig), 20, 20.02);
        Assert.Equal([new TransferTarget(kind, "8001")], rig.Channel.AbandonedTransfers);
        Assert.False(rig.Channel.IsRingingTransfer);
        Assert.Contains(result.Trace.Entries, e => e.Kind == FlowTraceKind.Branch && e.Detail.Contains("no answer within the ring timeout of 20 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_target_answering_before_the_ring_timeout_takes_the_call()
    {
        var rig = new IvrRig();
        rig.Channel.TransferRingTime = _ => TimeSpan.FromSeconds(12);
        var result = await rig.RunAsync(TransferOrVoicemail(TransferTargetKind.Extension, TimeSpan.FromSeconds(20)));
        Assert.Equal(FlowOutcome.Transferred, result.Outcome);
        Assert.InRange(SecondsSinceStart(rig), 12, 12.04);
        Assert.Empty(rig.Channel.AbandonedTransfers);
    }

    [Fact]
    public async Task A_target_that_would_answer_after_the_ring_timeout_is_cut_off_at_the_timeout()
    {
        var rig = new IvrRig();
        rig.Channel.TransferRingTime = _ => TimeSpan.FromSeconds(25);
        var result = await rig.RunAsync(TransferOrVoicemail(TransferTargetKind.Extension, TimeSpan.FromSeconds(8)));
        Assert.Equal("back in the flow: noanswer", result.Reason);
        Assert.InRange(SecondsSinceStart(rig), 8, 8.02);
        Assert.Single(rig.Channel.AbandonedTransfers);
    }

    [Fact]
    public async Task A_busy_signal_after_some_ringing_is_reported_as_busy_not_noanswer()
    {
        var rig = new IvrRig();
        rig.Channel.TransferResponder = _ => new TransferResult(TransferOutcome.Busy, "486 Busy Here");
        rig.Channel.TransferRingTime = _ => TimeSpan.FromSeconds(3);
        var result = await rig.RunAsync(TransferOrVoicemail(TransferTargetKind.External, TimeSpan.FromSeconds(20)));
        Assert.Equal("back in the flow: busy", result.Reason);
        Assert.InRange(SecondsSinceStart(rig), 3, 3.04);
        Assert.Empty(rig.Channel.AbandonedTransfers);
    }

    [Fact]
    public async Task A_queue_transfer_is_not_cut_short_by_the_ring_timeout()
    {
        // Waiting for an agent is the queue's business; only the step timeout bounds it.
        var rig = new IvrRig();
        rig.Channel.TransferRingTime = _ => TimeSpan.FromSeconds(45);
        var result = await rig.RunAsync(TransferOrVoicemail(TransferTargetKind.Queue, TimeSpan.FromSeconds(20)));
        Assert.Equal(FlowOutcome.Transferred, result.Outcome);
        Assert.InRange(SecondsSinceStart(rig), 45, 45.04);
        Assert.Empty(rig.Channel.AbandonedTransfers);
    }

    [Fact]
    public async Task Caller_hanging_up_while_the_target_rings_abandons_the_transfer()
    {
        var rig = new IvrRig();
        rig.Channel.TransferResponder = _ => new TransferResult(TransferOutcome.NoAnswer);
        var result = await rig.RunAsync(TransferOrVoicemail(TransferTargetKind.Extension, TimeSpan.FromSeconds(20)),
            new CallerScript().Wait(TimeSpan.FromSeconds(5)).HangUp());
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        Assert.Single(rig.Channel.AbandonedTransfers);
        Assert.InRange(SecondsSinceStart(rig), 5, 5.1);
    }

    [Fact]
    public void Ring_timeout_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferStep("x", TransferTargetKind.Extension, TextTemplate.Parse("1")) { RingTimeout = TimeSpan.Zero });

    [Fact]
    public async Task Enqueue_announces_position_and_wait_plays_hold_music_and_periodic_messages_until_answered()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("q")
            .Set("vip", "queue", ("caller.priority", "10"), ("caller.group", "'gold'"))
            .Add(new EnqueueStep("queue", TextTemplate.Parse("support"))
            {
                HoldMusic = [Prompt.Tone(440, 0, TimeSpan.FromSeconds(2))],
                AnnouncementInterval = TimeSpan.FromSeconds(40),
                PeriodicMessages = [Prompt.Say("visit our web site")],
                PeriodicInterval = TimeSpan.FromSeconds(25),
                Next = "after",
            })
            .Play("after", null, Prompt.Say("back from agent {queue.agent}"))
            .Build();
        var result = await rig.RunAsync(flow);
        var request = rig.Queue.Requests.Single();
        Assert.Equal(new QueueRequest("tenant-a", "support", rig.Channel.CallId, "+8613800000000", 10, "gold"), request);
        var prompts = rig.Channel.Prompts.Select(p => p.Description).ToList();
        Assert.Equal("text:You are number {queue.position} in line. Your expected wait is about {queue.waitMinutes} minutes.", prompts[0]);
        var spoken = ((ToneSpeech)rig.Speech).Requests.Select(r => r.Text).ToList();
        Assert.Equal("You are number 3 in line. Your expected wait is about 2 minutes.", spoken[0]);
        Assert.Contains("You are number 2 in line. Your expected wait is about 1 minutes.", spoken);
        Assert.Contains("visit our web site", spoken);
        Assert.Contains("tone:440", prompts);
        Assert.Equal("back from agent agent-7", spoken[^1]);
        Assert.Equal("agenthungup", result.Variables["queue.result"].ToString());
        // Hold music stopped when the agent answered (90 s) and the caller came back after 20 s of talk.
        var lastHold = rig.Channel.Prompts.Last(p => p.Description == "tone:440");
        Assert.InRange((lastHold.StartedAt - IvrRig.Monday10Utc).TotalSeconds, 80, 90);
    }

    [Fact]
    public async Task Enqueue_without_agents_goes_to_on_failure()
    {
        var rig = new IvrRig(configure: s => s with { Queue = new ScriptedQueue(s.Time) { FailWith = QueueOutcomeKind.NoAgents } });
        var flow = new FlowBuilder("q")
            .Add(new EnqueueStep("queue", TextTemplate.Parse("support")) { AnnouncePosition = false, OnFailure = "vm", Next = "survey" })
            .HangUp("vm", "voicemail")
            .HangUp("survey", "survey")
            .Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal("voicemail", result.Reason);
        Assert.Equal("noagents", result.Variables["queue.result"].ToString());
    }

    [Fact]
    public async Task Enqueue_max_wait_takes_the_caller_out_of_the_queue()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("q")
            .Add(new EnqueueStep("queue", TextTemplate.Parse("support")) { AnnouncePosition = false, MaxWait = TimeSpan.FromSeconds(45), OnFailure = "vm" })
            .HangUp("vm", "voicemail")
            .Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal("voicemail", result.Reason);
        Assert.Equal("maxwait", result.Variables["queue.result"].ToString());
        Assert.Equal(["maximum wait"], rig.Queue.Left);
        Assert.InRange((rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds, 45, 46);
    }

    [Fact]
    public async Task Caller_hanging_up_in_the_queue_leaves_the_queue_at_once()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("q").Add(new EnqueueStep("queue", TextTemplate.Parse("support"))).Build();
        var result = await rig.RunAsync(flow, new CallerScript().Wait(TimeSpan.FromSeconds(10)).HangUp());
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        Assert.Equal(["caller hung up"], rig.Queue.Left);
        Assert.InRange((rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds, 10, 10.1);
    }
}
