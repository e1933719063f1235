namespace CallCenterSdk.Acd;

/// <summary>How a queue picks an agent for a contact (each is its own class under <c>Routing/</c>).</summary>
public enum RoutingStrategyKind
{
    /// <summary>The agent idle the longest (default). O(log n).</summary>
    LongestIdle = 0,

    /// <summary>Round robin with memory: the next agent by position after the last one chosen. O(log n).</summary>
    RoundRobin = 1,

    /// <summary>The agent who answered the fewest contacts, then longest idle. O(log n).</summary>
    FewestContacts = 2,

    /// <summary>The agent with the least total talk time, then longest idle. O(log n).</summary>
    LeastTalkTime = 3,

    /// <summary>Offer to every eligible agent at once; the first to accept wins. O(k log n) for k agents rung.</summary>
    RingAll = 4,

    /// <summary>Fixed order: always the lowest position first. O(log n).</summary>
    TopDown = 5,

    /// <summary>By tier level, then position within the level. O(log n).</summary>
    SequentialByAgentOrder = 6,

    /// <summary>Uniformly random among eligible agents. O(1) expected.</summary>
    Random = 7,

    /// <summary>Random weighted by 1 / (1 + penalty). O(log n) (Fenwick tree).</summary>
    WeightedRandom = 8,

    /// <summary>Ring in position order, adding one more agent every ring-progressively delay. O(log n) per step.</summary>
    RingProgressively = 9,

    /// <summary>Highest proficiency in the contact's first required skill, then longest idle. O(log n).</summary>
    BestSkillMatch = 10,
}
