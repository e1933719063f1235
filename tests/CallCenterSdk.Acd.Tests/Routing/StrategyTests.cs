using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Routing;

/// <summary>Each strategy against a small worked example.</summary>
public sealed class StrategyTests
{
    /// <summary>Agents a, b, c (positions 1, 2, 3) logged in 10 s apart: a idle longest.</summary>
    private static (AcdHarness H, QueueId Q) ThreeAgents(RoutingStrategyKind strategy, Func<QueueDefinition, QueueDefinition>? configure = null)
    {
        var h = new AcdHarness();
        var q = h.Queue("q", strategy, configure);
        h.Agent("a", In(q, position: 1));
        h.Agent("b", In(q, position: 2));
        h.Agent("c", In(q, position: 3));
        h.Engine.Login(A("c"));
        h.Wait(10);
        h.Engine.Login(A("a"));
        h.Wait(10);
        h.Engine.Login(A("b"));
        h.Wait(10);
        return (h, q);
    }

    private static AgentId Serve(AcdHarness h, QueueId q, double talkSeconds = 60)
    {
        var c = h.Call(q).Contact;
        var agent = h.AcceptOffer(c);
        h.Wait(talkSeconds);
        h.Engine.Release(c);
        return agent;
    }

    [Fact]
    public void Longest_idle_offers_to_the_agent_free_the_longest()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.LongestIdle);
        // c logged in first, then a, then b.
        Assert.Equal(A("c"), Serve(h, q));
        Assert.Equal(A("a"), Serve(h, q));
        Assert.Equal(A("b"), Serve(h, q));
        // c finished its contact first of all, so it is idle longest again.
        Assert.Equal(A("c"), Serve(h, q));
    }

    [Fact]
    public void Round_robin_continues_after_the_last_agent_offered_and_wraps()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.RoundRobin);
        Assert.Equal(A("a"), Serve(h, q));
        Assert.Equal(A("b"), Serve(h, q));
        Assert.Equal(A("c"), Serve(h, q));
        Assert.Equal(A("a"), Serve(h, q));
        // b busy: the memory still moves on to c, not back to a.
        var busy = h.Call(q).Contact;
        Assert.Equal(A("b"), h.AcceptOffer(busy));
        Assert.Equal(A("c"), Serve(h, q));
    }

    [Fact]
    public void Fewest_contacts_prefers_the_agent_who_answered_least()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.FewestContacts);
        Assert.Equal(A("c"), Serve(h, q)); // all zero: longest idle breaks the tie
        Assert.Equal(A("a"), Serve(h, q));
        Assert.Equal(A("b"), Serve(h, q));
        Assert.Equal(A("c"), Serve(h, q));
        h.Engine.SetNotReady(A("a"), NotReadyReasons.Break);
        Assert.Equal(A("b"), Serve(h, q)); // b: 1, c: 2
        h.Engine.SetReady(A("a"));
        Assert.Equal(A("a"), Serve(h, q)); // a: 1 (b now 2)
    }

    [Fact]
    public void Least_talk_time_prefers_the_agent_with_the_least_talk()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.LeastTalkTime);
        Assert.Equal(A("c"), Serve(h, q, talkSeconds: 300));
        Assert.Equal(A("a"), Serve(h, q, talkSeconds: 30));
        Assert.Equal(A("b"), Serve(h, q, talkSeconds: 100));
        Assert.Equal(A("a"), Serve(h, q, talkSeconds: 100)); // a 30 s < b 100 s < c 300 s
        Assert.Equal(A("b"), Serve(h, q)); // a 130 s > b 100 s
    }

    [Fact]
    public void Top_down_always_starts_from_the_first_position()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.TopDown);
        Assert.Equal(A("a"), Serve(h, q));
        Assert.Equal(A("a"), Serve(h, q));
        var first = h.Call(q).Contact;
        Assert.Equal(A("a"), h.AcceptOffer(first));
        Assert.Equal(A("b"), Serve(h, q));
    }

    [Fact]
    public void Sequential_by_agent_order_takes_tier_level_before_position()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", RoutingStrategyKind.SequentialByAgentOrder);
        h.Agent("a", In(q, position: 1, level: 2));
        h.Agent("b", In(q, position: 5, level: 1));
        h.Agent("c", In(q, position: 2, level: 1));
        foreach (var x in new[] { "a", "b", "c" })
        {
            h.Engine.Login(A(x));
        }

        var first = h.Call(q).Contact;
        Assert.Equal(A("c"), h.AcceptOffer(first));
        var second = h.Call(q).Contact;
        Assert.Equal(A("b"), h.AcceptOffer(second));
        var third = h.Call(q).Contact;
        Assert.Equal(A("a"), h.AcceptOffer(third));
    }

    [Fact]
    public void Ring_all_rings_everyone_and_the_first_to_accept_wins()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.RingAll);
        var c = h.Call(q).Contact;
        Assert.Equal(3, h.Ringing(c).Count);
        h.Engine.Accept(A("b"), c);
        Assert.Equal(A("b"), h.Engine.GetAgentOf(c));
        Assert.Equal(2, h.Of(AcdEventKind.OfferWithdrawn).Count());
        Assert.Equal(AgentState.Available, h.Engine.GetAgentStatus(A("a")).State);
        var late = Assert.Throws<AcdException>(() => h.Engine.Accept(A("a"), c));
        Assert.Equal(AcdError.AlreadyAnswered, late.Error);
    }

    [Fact]
    public void Ring_progressively_adds_one_agent_per_delay()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.RingProgressively, d => d with { RingProgressivelyDelay = TimeSpan.FromSeconds(5), OfferTimeout = TimeSpan.FromSeconds(60) });
        var c = h.Call(q).Contact;
        Assert.Equal([A("a")], h.Ringing(c));
        h.Wait(5);
        Assert.Equal([A("a"), A("b")], h.Ringing(c));
        h.Wait(5);
        Assert.Equal([A("a"), A("b"), A("c")], h.Ringing(c));
        h.Engine.Accept(A("c"), c);
        Assert.Empty(h.Ringing(c));
    }

    [Fact]
    public void Random_picks_every_agent_about_equally()
    {
        var (h, q) = ThreeAgents(RoutingStrategyKind.Random);
        var counts = new Dictionary<AgentId, int>();
        for (int i = 0; i < 600; i++)
        {
            var agent = Serve(h, q, talkSeconds: 1);
            counts[agent] = counts.GetValueOrDefault(agent) + 1;
        }

        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 140, 260));
    }

    [Fact]
    public void Weighted_random_favours_low_penalty_by_one_over_one_plus_penalty()
    {
        var h = new AcdHarness(seed: 5);
        var q = h.Queue("q", RoutingStrategyKind.WeightedRandom);
        h.Agent("zero", In(q, penalty: 0));
        h.Agent("three", In(q, penalty: 3));
        h.Engine.Login(A("zero"));
        h.Engine.Login(A("three"));
        int zero = 0;
        for (int i = 0; i < 1000; i++)
        {
            zero += Serve(h, q, talkSeconds: 1) == A("zero") ? 1 : 0;
        }

        // Weights 1 and 1/4: expected 800 of 1000 (sd ~ 13).
        Assert.InRange(zero, 750, 850);
    }

    [Theory]
    [InlineData(RoutingStrategyKind.LongestIdle)]
    [InlineData(RoutingStrategyKind.RoundRobin)]
    [InlineData(RoutingStrategyKind.TopDown)]
    [InlineData(RoutingStrategyKind.FewestContacts)]
    public void Ordered_strategies_walk_the_members_holding_the_required_skills(RoutingStrategyKind strategy)
    {
        // Positions and idle order agree: a, b, c, d. Only c holds x and y at the levels asked.
        var h = new AcdHarness();
        var q = h.Queue("q", strategy);
        h.Agent("a", [new SkillLevel(S("x"), 9)], In(q, position: 1));
        h.Agent("b", [new SkillLevel(S("y"), 9)], In(q, position: 2));
        h.Agent("c", [new SkillLevel(S("x"), 2), new SkillLevel(S("y"), 6)], In(q, position: 3));
        h.Agent("d", [new SkillLevel(S("y"), 5), new SkillLevel(S("w"), 1)], In(q, position: 4));
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            h.Engine.Login(A(name));
            h.Wait(1);
        }

        Assert.Equal([A("c")], h.Ringing(h.Call(q, skills: [new SkillRequirement(S("x"), 1), new SkillRequirement(S("y"), 6)]).Contact));
        // Round robin carries on after c (position 3) to d, then wraps to b; the others start again from the top.
        var (second, third) = strategy == RoutingStrategyKind.RoundRobin ? ("d", "b") : ("b", "d");
        Assert.Equal([A(second)], h.Ringing(h.Call(q, skills: new SkillRequirement(S("y"), 5)).Contact));
        Assert.Equal([A(third)], h.Ringing(h.Call(q, skills: new SkillRequirement(S("y"), 5)).Contact));
        Assert.Empty(h.Ringing(h.Call(q, skills: new SkillRequirement(S("z"), 1)).Contact)); // nobody holds z
        Assert.Equal([A("a")], h.Ringing(h.Call(q).Contact));
    }

    /// <summary>
    /// 41 available members, of whom only "e1" (logged in first) and "e2" (after 38 unskilled ones) hold
    /// the skill: most random draws miss, so the choice falls to the exact pass. A walk from a random start
    /// would hand e2 about 39 of every 41 contacts; a uniform choice gives each half.
    /// </summary>
    private static (AcdHarness H, QueueId Q) TwoEligibleAmong41(RoutingStrategyKind strategy, int e2Penalty)
    {
        var h = new AcdHarness(seed: 4);
        var q = h.Queue("q", strategy);
        var fr = S("french");
        h.Agent("e1", [new SkillLevel(fr, 5)], In(q));
        h.Engine.Login(A("e1"));
        for (int i = 0; i < 38; i++)
        {
            h.Agent("u" + i, In(q));
            h.Engine.Login(A("u" + i));
        }

        h.Agent("e2", [new SkillLevel(fr, 5)], In(q, penalty: e2Penalty));
        h.Engine.Login(A("e2"));
        h.Agent("u38", In(q));
        h.Engine.Login(A("u38"));
        return (h, q);
    }

    private static int ServedByE1(AcdHarness h, QueueId q, int contacts)
    {
        int e1 = 0;
        for (int i = 0; i < contacts; i++)
        {
            var c = h.Call(q, skills: new SkillRequirement(S("french"), 1)).Contact;
            var agent = h.AcceptOffer(c);
            Assert.True(agent == A("e1") || agent == A("e2"), agent + " lacks the skill");
            e1 += agent == A("e1") ? 1 : 0;
            h.Wait(1);
            h.Engine.Release(c);
        }

        return e1;
    }

    [Fact]
    public void Random_stays_uniform_when_few_available_members_are_eligible()
    {
        var (h, q) = TwoEligibleAmong41(RoutingStrategyKind.Random, e2Penalty: 0);
        // Expected 300 of 600 (sd ~12).
        Assert.InRange(ServedByE1(h, q, 600), 250, 350);
    }

    [Fact]
    public void Weighted_random_stays_weighted_when_few_available_members_are_eligible()
    {
        var (h, q) = TwoEligibleAmong41(RoutingStrategyKind.WeightedRandom, e2Penalty: 1);
        // Weights 1 and 1/2 among the eligible: expected 400 of 600 (sd ~12).
        Assert.InRange(ServedByE1(h, q, 600), 350, 450);
    }

    [Fact]
    public void Best_skill_match_takes_the_highest_proficiency_then_the_longest_idle()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", RoutingStrategyKind.BestSkillMatch);
        var fr = S("french");
        h.Agent("novice", [new SkillLevel(fr, 3)], In(q));
        h.Agent("expert1", [new SkillLevel(fr, 9)], In(q));
        h.Agent("expert2", [new SkillLevel(fr, 9)], In(q));
        h.Agent("none", [], In(q));
        h.Engine.Login(A("none"));
        h.Wait(1);
        h.Engine.Login(A("novice"));
        h.Wait(5);
        h.Engine.Login(A("expert2"));
        h.Wait(5);
        h.Engine.Login(A("expert1"));
        h.Wait(5);
        var first = h.Call(q, skills: new SkillRequirement(fr, 5)).Contact;
        Assert.Equal(A("expert2"), h.AcceptOffer(first)); // level 9, idle longer than expert1
        var second = h.Call(q, skills: new SkillRequirement(fr, 5)).Contact;
        Assert.Equal(A("expert1"), h.AcceptOffer(second));
        var third = h.Call(q, skills: new SkillRequirement(fr, 5)).Contact;
        Assert.Empty(h.Ringing(third)); // the novice is below level 5, "none" lacks the skill
        var any = h.Call(q).Contact;
        Assert.Equal(A("none"), h.AcceptOffer(any)); // no requirement: longest idle
    }
}
