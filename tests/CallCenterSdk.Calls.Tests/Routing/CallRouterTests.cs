using System.Diagnostics;
using CallCenterSdk.Calls.Routing;
using CallCenterSdk.Calls.Tests.Support;

namespace CallCenterSdk.Calls.Tests.Routing;

public class CallRouterTests
{
    private const double EuRingback = 425;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Parallel_ring_connects_the_second_target_and_cancels_the_other_two()
    {
        await using var engines = new Engines();
        var first = await TargetPhone.StartAsync(engines, "t1", PhoneBehaviour.RingForever, 700);
        var second = await TargetPhone.StartAsync(engines, "t2", PhoneBehaviour.RingThenAnswerOnCue, 600);
        var third = await TargetPhone.StartAsync(engines, "t3", PhoneBehaviour.RingForever, 800);
        var (pbx, call) = await Pbx.CallAsync(engines, new RingPlan([new(first.Uri), new(second.Uri), new(third.Uri)]));

        // All three ring; the caller hears our ringback as early media before anyone answers.
        var legs = await Task.WhenAll(first.Offered, second.Offered, third.Offered).WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(EuRingback) > 20);
        Assert.Equal(CallLegState.EarlyMedia, call.Leg.State);
        Assert.Equal(0, call.Hears.FramesWith(600));

        second.AnswerNow();
        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        Assert.Equal(second.Uri, result.AnsweredBy!.Uri);
        Assert.Equal(2, result.Attempts.Count(a => a.Outcome == RingOutcome.Cancelled));
        foreach (var cancelled in new[] { legs[0], legs[2] })
        {
            var cause = await cancelled.Completion.WaitAsync(Timeout);
            Assert.Equal(487, cause.SipStatus);
            Assert.Equal(CallEndParty.Remote, cause.Party);
            Assert.Equal(CallRouter.CompletedElsewhereCause, cause.Q850Cause);
        }

        // Caller and second target now hear each other, and only each other.
        await call.Leg.WaitForAnswerAsync().WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(600) > 40 && second.Hears.FramesWith(1000) > 40);
        Assert.Equal(0, call.Hears.FramesWith(700));
        Assert.Equal(0, call.Hears.FramesWith(800));
        Assert.Equal(0, first.Hears.FramesWith(1000));
        Assert.Equal(0, third.Hears.FramesWith(1000));

        await call.Leg.HangupAsync().WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, (await legs[1].Completion.WaitAsync(Timeout)).Party);
    }

    [Fact]
    public async Task Hunt_group_skips_a_busy_target_and_connects_the_next()
    {
        await using var engines = new Engines();
        var busy = await TargetPhone.StartAsync(engines, "t1", PhoneBehaviour.Busy, 700);
        var free = await TargetPhone.StartAsync(engines, "t2", PhoneBehaviour.AnswerAtOnce, 600);
        var (pbx, call) = await Pbx.CallAsync(engines, new RingPlan([new(busy.Uri), new(free.Uri)], RingStrategy.Sequential));

        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        Assert.Equal(free.Uri, result.AnsweredBy!.Uri);
        var attempt = Assert.Single(result.Attempts, a => a.Outcome != RingOutcome.Answered);
        Assert.Equal(RingOutcome.Busy, attempt.Outcome);
        Assert.Equal(486, attempt.Cause!.SipStatus);
        await call.Leg.WaitForAnswerAsync().WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(600) > 40 && free.Hears.FramesWith(1000) > 40);
        Assert.Equal(0, call.Hears.FramesWith(700));
    }

    [Fact]
    public async Task Follow_me_rings_each_target_for_its_own_timeout_then_moves_on()
    {
        await using var engines = new Engines();
        var desk = await TargetPhone.StartAsync(engines, "desk", PhoneBehaviour.RingForever, 700);
        var mobile = await TargetPhone.StartAsync(engines, "mobile", PhoneBehaviour.RingForever, 800);
        var home = await TargetPhone.StartAsync(engines, "home", PhoneBehaviour.AnswerAtOnce, 600);
        var ringFor = TimeSpan.FromSeconds(1.5);
        var plan = new RingPlan([new(desk.Uri, ringFor), new(mobile.Uri, ringFor), new(home.Uri, ringFor)], RingStrategy.Sequential);
        var pbx = await Pbx.StartAsync(engines, plan);
        var clock = Stopwatch.StartNew();
        var call = await CallerCall.PlaceAsync(engines, pbx, 1000);

        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        Assert.Equal(home.Uri, result.AnsweredBy!.Uri);
        Assert.True(clock.Elapsed >= ringFor * 2 - TimeSpan.FromMilliseconds(100), $"answered after {clock.Elapsed}");
        Assert.Equal([RingOutcome.NoAnswer, RingOutcome.NoAnswer, RingOutcome.Answered], result.Attempts.Select(a => a.Outcome));
        foreach (var rangOut in new[] { desk, mobile })
        {
            var cause = await (await rangOut.Offered).Completion.WaitAsync(Timeout);
            Assert.Equal(487, cause.SipStatus);
            Assert.Equal(CallRouter.NoAnswerCause, cause.Q850Cause);
        }

        // The caller heard ringback while desk and mobile rang.
        Assert.True(call.Hears.FramesWith(EuRingback) > 20, $"ringback frames {call.Hears.FramesWith(EuRingback)}");
    }

    [Fact]
    public async Task A_targets_own_early_media_is_relayed_to_the_caller_instead_of_ringback()
    {
        await using var engines = new Engines();
        var announcer = await TargetPhone.StartAsync(engines, "t1", PhoneBehaviour.EarlyMediaThenAnswerOnCue, 700);
        var (pbx, call) = await Pbx.CallAsync(engines, new RingPlan([new(announcer.Uri)]));

        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(700) > 40);
        Assert.Equal(CallLegState.EarlyMedia, call.Leg.State);
        Assert.Equal(0, call.Hears.FramesWith(EuRingback));
        announcer.AnswerNow();
        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        await call.Leg.WaitForAnswerAsync().WaitAsync(Timeout);
        var before = call.Hears.FramesWith(700);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(700) > before + 40 && announcer.Hears.FramesWith(1000) > 40);
    }

    [Fact]
    public async Task An_answered_caller_hears_ringback_as_a_prompt_until_the_target_answers()
    {
        await using var engines = new Engines();
        var agent = await TargetPhone.StartAsync(engines, "agent", PhoneBehaviour.RingThenAnswerOnCue, 600);
        var (pbx, call) = await Pbx.CallAsync(engines, (router, leg) =>
        {
            leg.Answer(); // an IVR answered first, then hands the call on
            return router.ConnectAsync(leg, new RingPlan([new(agent.Uri)]));
        });
        await call.Leg.WaitForAnswerAsync().WaitAsync(Timeout);
        await agent.Offered.WaitAsync(Timeout);

        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(EuRingback) > 20);
        agent.AnswerNow();
        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(600) > 40 && agent.Hears.FramesWith(1000) > 40);
        Assert.False(pbx.Inbound!.Media.IsPlaying); // the ringback prompt was stopped
    }

    [Fact]
    public async Task When_every_target_is_busy_the_caller_is_left_unanswered_for_a_fallback()
    {
        await using var engines = new Engines();
        var a = await TargetPhone.StartAsync(engines, "t1", PhoneBehaviour.Busy);
        var b = await TargetPhone.StartAsync(engines, "t2", PhoneBehaviour.Busy);
        var (pbx, call) = await Pbx.CallAsync(engines, new RingPlan([new(a.Uri), new(b.Uri)]));

        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Busy, result.Outcome);
        Assert.All(result.Attempts, x => Assert.Equal(RingOutcome.Busy, x.Outcome));
        Assert.Null(result.Leg);
        Assert.NotEqual(CallLegState.Connected, call.Leg.State);

        // The fallback: here, pass the busy on to the caller.
        pbx.Inbound!.Reject(486);
        var failure = await Assert.ThrowsAsync<CallFailedException>(() => call.Leg.WaitForAnswerAsync().WaitAsync(Timeout));
        Assert.Equal(486, failure.Cause.SipStatus);
    }

    [Fact]
    public async Task Overall_timeout_ends_the_plan_with_no_answer_and_cancels_the_targets()
    {
        await using var engines = new Engines();
        var a = await TargetPhone.StartAsync(engines, "t1", PhoneBehaviour.RingForever);
        var plan = new RingPlan([new(a.Uri)]) { OverallTimeout = TimeSpan.FromSeconds(1.5) };
        var (pbx, _) = await Pbx.CallAsync(engines, plan);

        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.NoAnswer, result.Outcome);
        var cancelled = await (await a.Offered).Completion.WaitAsync(Timeout);
        Assert.Equal(487, cancelled.SipStatus);
        Assert.Equal(CallRouter.NoAnswerCause, cancelled.Q850Cause);
    }

    [Fact]
    public async Task Caller_hanging_up_while_targets_ring_cancels_them()
    {
        await using var engines = new Engines();
        var a = await TargetPhone.StartAsync(engines, "t1", PhoneBehaviour.RingForever);
        var b = await TargetPhone.StartAsync(engines, "t2", PhoneBehaviour.RingForever);
        var (pbx, call) = await Pbx.CallAsync(engines, new RingPlan([new(a.Uri), new(b.Uri)]));
        var legs = await Task.WhenAll(a.Offered, b.Offered).WaitAsync(Timeout);

        await call.Leg.HangupAsync().WaitAsync(Timeout);
        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.CallerHungUp, result.Outcome);
        foreach (var leg in legs)
        {
            var cancelled = await leg.Completion.WaitAsync(Timeout);
            Assert.Equal(487, cancelled.SipStatus);
            Assert.Equal(CallEndCause.NormalClearing, cancelled.Q850Cause);
        }
    }

    [Fact]
    public async Task A_busy_extension_forwards_to_its_busy_target()
    {
        await using var engines = new Engines();
        var busy = await TargetPhone.StartAsync(engines, "100", PhoneBehaviour.Busy, 700);
        var colleague = await TargetPhone.StartAsync(engines, "200", PhoneBehaviour.AnswerAtOnce, 600);
        Extension[] directory =
        [
            new("100", busy.Uri, [new ForwardingRule(ForwardingCondition.Busy, "200"), new ForwardingRule(ForwardingCondition.NoAnswer, "sip:nobody@127.0.0.1:9")]),
            new("200", colleague.Uri, []),
        ];
        var (pbx, call) = await Pbx.CallAsync(engines, (router, leg) => router.ConnectToExtensionAsync(leg, "100", n => directory.FirstOrDefault(e => e.Number == n)));

        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        Assert.Equal(["100", "200"], result.ForwardingPath);
        Assert.Equal([RingOutcome.Busy, RingOutcome.Answered], result.Attempts.Select(a => a.Outcome));
        await call.Leg.WaitForAnswerAsync().WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(600) > 40 && colleague.Hears.FramesWith(1000) > 40);
    }

    [Fact]
    public async Task An_unanswered_extension_forwards_after_its_no_answer_time()
    {
        await using var engines = new Engines();
        var away = await TargetPhone.StartAsync(engines, "100", PhoneBehaviour.RingForever, 700);
        var voicemail = await TargetPhone.StartAsync(engines, "vm", PhoneBehaviour.AnswerAtOnce, 800);
        Extension[] directory =
        [
            new("100", away.Uri, [new ForwardingRule(ForwardingCondition.NoAnswer, voicemail.Uri) { NoAnswerAfter = TimeSpan.FromSeconds(1.5) }]),
        ];
        var pbx = await Pbx.StartAsync(engines, (router, leg) => router.ConnectToExtensionAsync(leg, "100", n => directory.FirstOrDefault(e => e.Number == n)));
        var clock = Stopwatch.StartNew();
        var call = await CallerCall.PlaceAsync(engines, pbx, 1000);

        var result = await pbx.Result.WaitAsync(Timeout);
        Assert.Equal(RingOutcome.Answered, result.Outcome);
        Assert.Equal(voicemail.Uri, result.AnsweredBy!.Uri);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.4), $"forwarded after {clock.Elapsed}");
        Assert.Equal(487, (await (await away.Offered).Completion.WaitAsync(Timeout)).SipStatus);
        Assert.True(call.Hears.FramesWith(EuRingback) > 10, "ringback while the extension rang");
        await call.Leg.WaitForAnswerAsync().WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => call.Hears.FramesWith(800) > 40 && voicemail.Hears.FramesWith(1000) > 40);
        Assert.Equal(0, away.Hears.FramesWith(1000));
    }

    [Fact]
    public void A_plan_needs_targets_and_caps_them_at_max_targets()
    {
        Assert.Throws<ArgumentException>(() => new RingPlan([]));
        var plan = new RingPlan([new("sip:a@127.0.0.1"), new("sip:b@127.0.0.1"), new("sip:c@127.0.0.1")], RingStrategy.Sequential) { MaxTargets = 2 };
        Assert.Equal(["sip:a@127.0.0.1", "sip:b@127.0.0.1"], plan.EffectiveTargets.Select(t => t.Uri));
        Assert.Equal(TimeSpan.FromSeconds(20), plan.RingTimeoutOf(plan.Targets[0]));
    }

    [Theory]
    [InlineData(new[] { RingOutcome.Busy, RingOutcome.NoAnswer }, RingOutcome.NoAnswer)]
    [InlineData(new[] { RingOutcome.Busy, RingOutcome.Rejected }, RingOutcome.Busy)]
    [InlineData(new[] { RingOutcome.Unreachable, RingOutcome.Rejected }, RingOutcome.Rejected)]
    [InlineData(new[] { RingOutcome.Unreachable }, RingOutcome.Unreachable)]
    public void A_failed_plan_reports_the_most_telling_outcome(RingOutcome[] outcomes, RingOutcome expected)
    {
        var attempts = outcomes.Select(o => new RingAttempt(new RingTarget("sip:x@127.0.0.1"), o, null));
        Assert.Equal(expected, RouteResult.Summarize(attempts));
    }
}
