using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>The table from <see cref="RoutingStrategyKind"/> to strategy class.</summary>
internal static class StrategyFactory
{
    public static AgentSelectionStrategy Create(QueueRuntime queue, Random random) => queue.Definition.Strategy switch
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
        _ => throw new AcdException(AcdError.InvalidDefinition, "Unknown routing strategy " + queue.Definition.Strategy + " for queue " + queue.Id + "."),
    };
}
