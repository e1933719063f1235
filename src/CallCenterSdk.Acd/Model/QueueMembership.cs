namespace CallCenterSdk.Acd;

/// <summary>
/// An agent's place in one queue: a mod_callcenter tier (level, position), an Asterisk penalty and an
/// Amazon Connect routing-profile entry (priority and delay).
/// </summary>
public sealed record QueueMembership
{
    /// <summary>The queue.</summary>
    public required QueueId Queue { get; init; }

    /// <summary>Tier level, 1 = first tier (default 1). Tier rules hold higher levels back.</summary>
    public int Level { get; init; } = 1;

    /// <summary>Position within the queue for top-down, sequential, round-robin and ring-progressively (default 0).</summary>
    public int Position { get; init; }

    /// <summary>Penalty, 0 = best (default 0). Weighted random uses weight 1 / (1 + penalty).</summary>
    public int Penalty { get; init; }

    /// <summary>Routing-profile priority of this queue for the agent, 1 = served first (default 1).</summary>
    public int ProfilePriority { get; init; } = 1;

    /// <summary>Routing-profile delay: offer this queue's contacts only after they waited this long (default 0).</summary>
    public TimeSpan ProfileDelay { get; init; }
}
