using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Routing;

/// <summary>
/// Tier level, then penalty, before the strategy (<see cref="MemberRanking.LevelThenPenalty"/>, the default):
/// for every strategy, a worse-ranked member the strategy itself would prefer loses to a better-ranked one.
/// </summary>
public sealed class MemberRankingTests
{
    private static readonly SkillId Fr = S("fr");

    /// <summary>Every strategy that ranks by penalty (weighted random weights by it instead).</summary>
    public static TheoryData<RoutingStrategyKind> PenaltyRanked() =>
        new(Enum.GetValues<RoutingStrategyKind>().Where(k => k != RoutingStrategyKind.WeightedRandom));

    /// <summary>
    /// "favoured" is what the strategy's own key picks: idle longest, first position, best skill (fr 9).
    /// "ranked" has penalty 0 against favoured's 1, position 2, fr 5, and logged in 10 s later.
    /// </summary>
    private static (AcdHarness H, QueueId Q) FavouredAndRanked(RoutingStrategyKind strategy, MemberRanking ranking, int seed = 1)
    {
        var h = new AcdHarness(seed: seed);
        var q = h.Queue("q", strategy, d => d with { Ranking = ranking, OfferTimeout = TimeSpan.FromSeconds(60) });
        h.Agent("favoured", [new SkillLevel(Fr, 9)], In(q, position: 1, penalty: 1));
        h.Agent("ranked", [new SkillLevel(Fr, 5)], In(q, position: 2, penalty: 0));
        h.Engine.Login(A("favoured"));
        h.Wait(10);
        h.Engine.Login(A("ranked"));
        h.Wait(10);
        return (h, q);
    }

    private static ContactId Call(AcdHarness h, QueueId q) => h.Call(q, skills: new SkillRequirement(Fr, 3)).Contact;

    [Theory]
    [MemberData(nameof(PenaltyRanked))]
    public void The_lower_penalty_is_offered_first_whatever_the_strategy_prefers(RoutingStrategyKind strategy)
    {
        // Random draws: repeat so that a lucky draw cannot pass the test.
        for (int seed = 1; seed <= 20; seed++)
        {
            var (h, q) = FavouredAndRanked(strategy, MemberRanking.LevelThenPenalty, seed);
            var c = Call(h, q);
            Assert.Equal([A("ranked")], h.Ringing(c));

            // With the better rank busy, the worse one is used.
            h.Engine.Accept(A("ranked"), c);
            var next = Call(h, q);
            Assert.Equal([A("favoured")], h.Ringing(next));
        }
    }

    [Theory]
    [MemberData(nameof(PenaltyRanked))]
    public void Without_ranking_the_strategy_alone_decides(RoutingStrategyKind strategy)
    {
        var picked = new HashSet<AgentId>();
        for (int seed = 1; seed <= 20; seed++)
        {
            var (h, q) = FavouredAndRanked(strategy, MemberRanking.StrategyOnly, seed);
            var ringing = h.Ringing(Call(h, q));
            if (strategy == RoutingStrategyKind.RingAll)
            {
                Assert.Equal([A("favoured"), A("ranked")], ringing);
            }
            else if (strategy != RoutingStrategyKind.Random)
            {
                Assert.Equal([A("favoured")], ringing);
            }

            picked.UnionWith(ringing);
        }

        Assert.Contains(A("favoured"), picked);
    }

    [Fact]
    public void Level_ranks_before_penalty()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        h.Agent("second-level", In(q, level: 2, penalty: 0));
        h.Agent("first-level", In(q, level: 1, penalty: 3));
        h.Engine.Login(A("second-level"));
        h.Wait(30);
        h.Engine.Login(A("first-level"));
        Assert.Equal([A("first-level")], h.Ringing(h.Call(q).Contact));
        Assert.Equal([A("second-level")], h.Ringing(h.Call(q).Contact));
    }

    [Fact]
    public void Weighted_random_keeps_its_penalty_weights_within_a_level_and_never_reaches_past_it()
    {
        var h = new AcdHarness(seed: 9);
        var q = h.Queue("q", RoutingStrategyKind.WeightedRandom);
        h.Agent("p0", In(q, penalty: 0));
        h.Agent("p1", In(q, penalty: 1));
        h.Agent("level2", In(q, level: 2, penalty: 0));
        foreach (var name in new[] { "p0", "p1", "level2" })
        {
            h.Engine.Login(A(name));
        }

        var counts = new Dictionary<AgentId, int>();
        for (int i = 0; i < 900; i++)
        {
            var c = h.Call(q).Contact;
            var agent = h.AcceptOffer(c);
            counts[agent] = counts.GetValueOrDefault(agent) + 1;
            h.Wait(1);
            h.Engine.Release(c);
        }

        // Weights 1 and 1/2 within level 1: expected 600 and 300 (sd ~14); level 2 never while level 1 is free.
        Assert.InRange(counts[A("p0")], 540, 660);
        Assert.Equal(900, counts[A("p0")] + counts[A("p1")]);
        Assert.False(counts.ContainsKey(A("level2")));
    }

    [Fact]
    public void Ring_all_rings_only_the_best_rank_and_a_worse_agent_freed_later_does_not_join()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", RoutingStrategyKind.RingAll, d => d with { OfferTimeout = TimeSpan.FromSeconds(15) });
        h.Agent("a0", In(q, penalty: 0));
        h.Agent("b0", In(q, penalty: 0));
        h.Agent("c1", In(q, penalty: 1));
        h.Agent("d0", In(q, penalty: 0));
        h.Engine.Login(A("a0"));
        h.Engine.Login(A("b0"));
        h.Engine.Login(A("c1"));
        var c = h.Call(q).Contact;
        Assert.Equal([A("a0"), A("b0")], h.Ringing(c));

        // An agent of the ringing rank joins; a worse one would not have.
        h.Engine.Login(A("d0"));
        Assert.Equal([A("a0"), A("b0"), A("d0")], h.Ringing(c));
        h.Engine.SetNotReady(A("c1"), NotReadyReasons.Break);
        h.Engine.SetReady(A("c1"));
        Assert.Equal(3, h.Ringing(c).Count);

        // Every penalty-0 offer rings out: the contact goes to the next rank.
        h.Wait(15);
        Assert.Equal([A("c1")], h.Ringing(c));
    }

    [Fact]
    public void Round_robin_keeps_one_memory_across_ranks()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", RoutingStrategyKind.RoundRobin);
        h.Agent("p0-1", In(q, position: 1, penalty: 0));
        h.Agent("p1-2", In(q, position: 2, penalty: 1));
        h.Agent("p0-3", In(q, position: 3, penalty: 0));
        foreach (var name in new[] { "p0-1", "p1-2", "p0-3" })
        {
            h.Engine.Login(A(name));
        }

        // Penalty 0 only, alternating after the remembered position.
        var served = new List<AgentId>();
        for (int i = 0; i < 4; i++)
        {
            var c = h.Call(q).Contact;
            served.Add(h.AcceptOffer(c));
            h.Engine.Release(c);
        }

        Assert.Equal([A("p0-1"), A("p0-3"), A("p0-1"), A("p0-3")], served);
    }

    [Fact]
    public void An_unknown_ranking_is_refused_at_definition()
    {
        var h = new AcdHarness();
        var e = Assert.Throws<AcdException>(() => h.Queue("q", configure: d => d with { Ranking = (MemberRanking)7 }));
        Assert.Equal(AcdError.InvalidDefinition, e.Error);
    }
}
