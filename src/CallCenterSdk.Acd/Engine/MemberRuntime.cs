namespace CallCenterSdk.Acd.Engine;

/// <summary>An agent's membership of one queue, with the key it is indexed under by the queue's strategy.</summary>
internal sealed class MemberRuntime
{
    public MemberRuntime(AgentRuntime agent, QueueRuntime queue, QueueMembership definition, int ordinal)
    {
        Agent = agent;
        Queue = queue;
        Definition = definition;
        Ordinal = ordinal;
        Level = Math.Max(1, definition.Level);
        DelayTicks = definition.ProfileDelay.Ticks;
        Rank = RankOf(queue.Definition, Level, definition.Penalty);
    }

    public AgentRuntime Agent { get; }

    public QueueRuntime Queue { get; }

    public QueueMembership Definition { get; }

    /// <summary>Index of this member in <see cref="QueueRuntime.Members"/>; the value stored in strategy indexes.</summary>
    public int Ordinal { get; }

    public int Level { get; }

    public int Position => Definition.Position;

    public long DelayTicks { get; }

    /// <summary>
    /// The member's rank in its queue: smaller ranks are offered first (level, then penalty; level only
    /// for weighted random, 0 for everyone when the queue ranks by strategy only).
    /// </summary>
    public long Rank { get; }

    /// <summary>The rank group's strategy this member is indexed in (set by <see cref="Routing.RankedStrategy"/>).</summary>
    public Routing.AgentSelectionStrategy? RankGroup;

    public static long RankOf(QueueDefinition queue, int level, int penalty) => queue.Ranking switch
    {
        MemberRanking.StrategyOnly => 0,
        _ when queue.Strategy == RoutingStrategyKind.WeightedRandom => (long)level << 32,
        _ => ((long)level << 32) | (uint)Math.Max(0, penalty),
    };

    public bool Indexed;
    public long KeyPrimary;
    public long KeySecondary;
}
