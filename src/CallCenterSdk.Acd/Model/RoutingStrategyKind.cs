namespace CallCenterSdk.Acd;

/// <summary>
/// How a queue picks an agent for a contact (each is its own class under <c>Routing/</c>). Costs are per
/// decision for n available members. The ordered strategies walk the index of the contact's required skill
/// with the fewest available members (or the whole queue when it requires none): k is the number of members
/// in that index that rank ahead of the chosen one but are not eligible (a level below the minimum, another
/// skill, a delay, a sticky agent). k = 0 when every member of the walked index qualifies; k = n in the worst
/// case, when almost nobody qualifies. With <see cref="MemberRanking.LevelThenPenalty"/> add O(g) for the g
/// ranks that have nobody eligible. docs/acd.md has the table.
/// </summary>
public enum RoutingStrategyKind
{
    /// <summary>The agent idle the longest (default). O((k + 1) log n): O(log n) when k = 0, O(n log n) worst case.</summary>
    LongestIdle = 0,

    /// <summary>Round robin with memory: the next agent by position after the last one offered. O((k + 1) log n).</summary>
    RoundRobin = 1,

    /// <summary>The agent who answered the fewest contacts, then longest idle. O((k + 1) log n).</summary>
    FewestContacts = 2,

    /// <summary>The agent with the least total talk time, then longest idle. O((k + 1) log n).</summary>
    LeastTalkTime = 3,

    /// <summary>Offer to every eligible agent of the best rank at once; the first to accept wins. O((r + k + 1) log n) for r agents rung.</summary>
    RingAll = 4,

    /// <summary>Fixed order: always the lowest position first. O((k + 1) log n).</summary>
    TopDown = 5,

    /// <summary>By tier level, then position within the level. O((k + 1) log n).</summary>
    SequentialByAgentOrder = 6,

    /// <summary>
    /// Uniformly random among eligible agents. Up to 8 O(1) draws, then one exact O(n) pass when all miss:
    /// O(1) expected while most available agents are eligible, O(n) worst case.
    /// </summary>
    Random = 7,

    /// <summary>
    /// Random weighted by 1 / (1 + penalty). Up to 8 O(log n) draws (Fenwick tree), then one exact O(n) pass
    /// when all miss: O(log n) while most available agents are eligible, O(n) worst case.
    /// </summary>
    WeightedRandom = 8,

    /// <summary>Ring in position order, adding one more agent every ring-progressively delay. O((k + 1) log n) per step.</summary>
    RingProgressively = 9,

    /// <summary>
    /// Highest proficiency in the contact's first required skill, then longest idle. O((k + 1) log n), where
    /// the per-skill index never visits members lacking that skill or below its minimum level, so k counts
    /// only members failing another requirement (a second skill, a delay, a sticky agent).
    /// </summary>
    BestSkillMatch = 10,
}
