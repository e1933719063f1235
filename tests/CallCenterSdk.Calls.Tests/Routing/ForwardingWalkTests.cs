using CallCenterSdk.Calls.Routing;

namespace CallCenterSdk.Calls.Tests.Routing;

public class ForwardingWalkTests
{
    private static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    [Fact]
    public void Without_rules_the_extension_rings_for_the_default_time_and_a_failure_ends_the_walk()
    {
        var walk = Walk("100", Ext("100"));
        var step = walk.Start();
        Assert.Equal("sip:100@pbx", step.Target!.Uri);
        Assert.Equal(Default, step.Target.RingTimeout);
        var end = walk.After(RingOutcome.Busy);
        Assert.False(end.IsRing);
        Assert.Equal(RingOutcome.Busy, end.Failure);
    }

    [Fact]
    public void Unconditional_forwarding_never_rings_the_extension()
    {
        var walk = Walk("100", Ext("100", new ForwardingRule(ForwardingCondition.Unconditional, "200")), Ext("200"));
        Assert.Equal("sip:200@pbx", walk.Start().Target!.Uri);
        Assert.Equal(["100", "200"], walk.Path);
    }

    [Theory]
    [InlineData(RingOutcome.Busy, "sip:voicemail@pbx")]
    [InlineData(RingOutcome.Rejected, "sip:voicemail@pbx")]
    [InlineData(RingOutcome.NoAnswer, "sip:300@pbx")]
    [InlineData(RingOutcome.Unreachable, "sip:300@pbx")]
    public void Busy_and_no_answer_rules_pick_their_own_targets(RingOutcome outcome, string expected)
    {
        var walk = Walk("100",
            Ext("100", new ForwardingRule(ForwardingCondition.Busy, "sip:voicemail@pbx"), new ForwardingRule(ForwardingCondition.NoAnswer, "300") { NoAnswerAfter = TimeSpan.FromSeconds(8) }),
            Ext("300"));
        Assert.Equal(TimeSpan.FromSeconds(8), walk.Start().Target!.RingTimeout);
        Assert.Equal(expected, walk.After(outcome).Target!.Uri);
    }

    [Fact]
    public void A_caller_who_hung_up_is_not_forwarded()
    {
        var walk = Walk("100", Ext("100", new ForwardingRule(ForwardingCondition.NoAnswer, "200")), Ext("200"));
        walk.Start();
        var step = walk.After(RingOutcome.CallerHungUp);
        Assert.False(step.IsRing);
        Assert.Equal(RingOutcome.CallerHungUp, step.Failure);
    }

    [Fact]
    public void Rules_chain_across_extensions_and_a_loop_stops_the_walk()
    {
        var walk = Walk("100",
            Ext("100", new ForwardingRule(ForwardingCondition.Busy, "200")),
            Ext("200", new ForwardingRule(ForwardingCondition.NoAnswer, "100")));
        walk.Start();
        Assert.Equal("sip:200@pbx", walk.After(RingOutcome.Busy).Target!.Uri);
        var loop = walk.After(RingOutcome.NoAnswer);
        Assert.False(loop.IsRing);
        Assert.Equal(RingOutcome.NoAnswer, loop.Failure);
        Assert.Contains("loop", loop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unconditional_chain_longer_than_max_hops_fails()
    {
        var extensions = Enumerable.Range(1, 10).Select(i => Ext($"{i}", new ForwardingRule(ForwardingCondition.Unconditional, $"{i + 1}"))).ToArray();
        var walk = new ForwardingWalk("1", n => extensions.FirstOrDefault(e => e.Number == n), Default, maxHops: 3);
        var step = walk.Start();
        Assert.False(step.IsRing);
        Assert.Contains("more than 3", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_numbers_fail_unreachable_and_bad_use_is_refused()
    {
        var walk = Walk("999");
        Assert.Equal(RingOutcome.Unreachable, walk.Start().Failure);
        Assert.Throws<InvalidOperationException>(() => walk.Start());
        Assert.Throws<InvalidOperationException>(() => Walk("1").After(RingOutcome.Busy));
        Assert.Throws<ArgumentException>(() => Walk(""));
    }

    private static Extension Ext(string number, params ForwardingRule[] rules) => new(number, $"sip:{number}@pbx", rules);

    private static ForwardingWalk Walk(string number, params Extension[] extensions) =>
        new(number, n => extensions.FirstOrDefault(e => e.Number == n), Default);
}
