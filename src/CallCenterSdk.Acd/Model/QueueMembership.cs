namespace CallCenterSdk.Acd;

/// <summary>
/// An agent's place in one queue: a mod_callcenter tier (level, position), an Asterisk penalty and an
/// Amazon Connect routing-profile entry (priority and delay).
/// </summary>
public sealed record QueueMembership
{
    /// <summary>The queue.</summary>
    public required QueueId Queue { get; init; }

    /// <summary>
    /// Tier level 1-10, 1 = first tier (default 1). Lower levels are offered first under
    /// <see cref="MemberRanking.LevelThenPenalty"/> (the default <see cref="QueueDefinition.Ranking"/>), and
    /// <see cref="QueueDefinition.Tiers"/> rules can hold higher levels back for a time.
    /// </summary>
    public int Level { get; init; } = 1;

    /// <summary>Position within the queue for top-down, sequential, round-robin and ring-progressively (default 0).</summary>
    public int Position { get; init; }

    /// <summary>
    /// Asterisk penalty, 0 = best (default 0). Within a level, lower penalties are offered first under
    /// <see cref="MemberRanking.LevelThenPenalty"/> (the default <see cref="QueueDefinition.Ranking"/>), for every
    /// strategy except weighted random, which draws with weight 1 / (1 + penalty) instead.
    /// </summary>
    public int Penalty { get; init; }

    /// <summary>Routing-profile priority of this queue for the agent, 1 = served first (default 1).</summary>
    public int ProfilePriority { get; init; } = 1;

    /// <summary>Routing-profile delay: offer this queue's contacts only after they waited this long (default 0).</summary>
    public TimeSpan ProfileDelay { get; init; }
}
