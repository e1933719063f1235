using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>The table from <see cref="RoutingStrategyKind"/> to strategy class, wrapped in rank groups when the queue ranks members.</summary>
internal static class StrategyFactory
{
    public static AgentSelectionStrategy Create(QueueRuntime queue, Random random)
    {
        var definition = queue.Definition;
        var kind = definition.Strategy;
        if (!Enum.IsDefined(kind))
        {
            // Fail at definition time, not when the first member becomes available.
            throw new AcdException(AcdError.InvalidDefinition, "Unknown routing strategy " + kind + " for queue " + queue.Id + ".");
        }

        return definition.Ranking switch
        {
            MemberRanking.StrategyOnly => Create(queue, kind, random),
            MemberRanking.LevelThenPenalty => new RankedStrategy(queue, kind, () => Create(queue, kind, random)),
            _ => throw new AcdException(AcdError.InvalidDefinition, "Unknown member ranking " + definition.Ranking + " for queue " + queue.Id + "."),
        };
    }

    private static AgentSelectionStrategy Create(QueueRuntime queue, RoutingStrategyKind kind, Random random) => kind switch
    {
        RoutingStrategyKind.LongestIdle => new LongestIdleStrategy(queue),
        RoutingStrategyKind.RoundRobin => new RoundRobinStrategy(queue),
        RoutingStrategyKind.FewestContacts => new FewestContactsStrategy(queue),
        RoutingStrategyKind.LeastTalkTime => new LeastTalkTimeStrategy(queue),
        RoutingStrategyKind.RingAll => new RingAllStrategy(queue),
        RoutingStrategyKind.TopDown => new TopDownStrategy(queue),
        RoutingStrategyKind.SequentialByAgentOrder => new SequentialByAgentOrderStrategy(queue),
        RoutingStrategyKind.Random => new RandomStrategy(queue, random),
        RoutingStrategyKind.WeightedRandom => new WeightedRandomStrategy(queue, random),
        RoutingStrategyKind.RingProgressively => new RingProgressivelyStrategy(queue),
        RoutingStrategyKind.BestSkillMatch => new BestSkillMatchStrategy(queue),
        _ => throw new AcdException(AcdError.InvalidDefinition, "Unknown routing strategy " + kind + " for queue " + queue.Id + "."),
    };
}
