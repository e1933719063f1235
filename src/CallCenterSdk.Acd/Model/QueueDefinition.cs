namespace CallCenterSdk.Acd;

/// <summary>The configuration of one queue (serializable). Every option has a documented default.</summary>
public sealed record QueueDefinition
{
    /// <summary>The queue.</summary>
    public required QueueId Id { get; init; }

    /// <summary>Agent selection strategy (default <see cref="RoutingStrategyKind.LongestIdle"/>).</summary>
    public RoutingStrategyKind Strategy { get; init; } = RoutingStrategyKind.LongestIdle;

    /// <summary>
    /// Whether members' tier level and penalty rank them before the strategy (default
    /// <see cref="MemberRanking.LevelThenPenalty"/>, as mod_callcenter and Asterisk do).
    /// </summary>
    public MemberRanking Ranking { get; init; } = MemberRanking.LevelThenPenalty;

    /// <summary>Channel of the contacts in this queue (default voice).</summary>
    public Channel Channel { get; init; } = Channel.Voice;

    /// <summary>Skills every contact of the queue needs, on top of its own (default none).</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; init; } = [];

    /// <summary>
    /// Priority aging: seconds of waiting worth one priority point (0 = strict priority classes, default).
    /// A contact's score is priority + wait / this, so ordering never needs re-sorting.
    /// </summary>
    public double AgingSecondsPerPriorityPoint { get; init; }

    /// <summary>Priority points added for VIP / white-listed callers (default 10).</summary>
    public int VipPriorityBoost { get; init; } = 10;

    /// <summary>Time an offer rings before it counts as no answer (default 20 s).</summary>
    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Automatic wrap-up duration; null = the agent ends wrap-up (default 0: none).</summary>
    public TimeSpan? WrapUp { get; init; } = TimeSpan.Zero;

    /// <summary>Extra agents added per step for ring-progressively (default 10 s).</summary>
    public TimeSpan RingProgressivelyDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Maximum waiting contacts; 0 = unlimited (default).</summary>
    public int MaxLength { get; init; }

    /// <summary>Maximum wait before overflow; null = unlimited (default).</summary>
    public TimeSpan? MaxWait { get; init; }

    /// <summary>Maximum wait while no member agent is logged in; null = unlimited (default).</summary>
    public TimeSpan? MaxWaitWithNoAgent { get; init; }

    /// <summary>Join-empty rule (default <see cref="JoinEmptyRule.Join"/>).</summary>
    public JoinEmptyRule JoinEmpty { get; init; } = JoinEmptyRule.Join;

    /// <summary>Overflow every waiting contact when the last agent logs out (default false).</summary>
    public bool LeaveWhenEmpty { get; init; }

    /// <summary>Target when the queue is full (default hang up "queue-full").</summary>
    public OverflowTarget OnFull { get; init; } = OverflowTarget.HangUp("queue-full");

    /// <summary>Target on maximum wait (default hang up "max-wait").</summary>
    public OverflowTarget OnMaxWait { get; init; } = OverflowTarget.HangUp("max-wait");

    /// <summary>Target on the no-agent rules (default hang up "no-agent").</summary>
    public OverflowTarget OnNoAgent { get; init; } = OverflowTarget.HangUp("no-agent");

    /// <summary>Tier rules (default none).</summary>
    public TierRules Tiers { get; init; } = TierRules.None;

    /// <summary>Escalation steps in increasing <see cref="EscalationStep.After"/> (default none).</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; init; } = [];

    /// <summary>How long a returning caller is held for the agent who served them last (0 = no sticky routing, default).</summary>
    public TimeSpan StickyWait { get; init; }

    /// <summary>Service-level threshold T for statistics (default 20 s).</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Abandons quicker than this are short abandons (default 5 s).</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Handle time assumed for wait estimates before any contact completed (default 180 s).</summary>
    public TimeSpan InitialHandleTimeEstimate { get; init; } = TimeSpan.FromSeconds(180);
}
