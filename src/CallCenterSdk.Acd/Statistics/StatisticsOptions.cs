namespace CallCenterSdk.Acd.Statistics;

/// <summary>Settings of <see cref="IntervalStatistics"/>.</summary>
public sealed record StatisticsOptions
{
    /// <summary>Interval length: 15, 30 or 60 minutes, or a day (default 30 minutes).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Service-level threshold T for events that do not carry their queue's own (default 20 s). The engine's
    /// events carry <see cref="QueueDefinition.ServiceLevelThreshold"/>, so this applies only to events
    /// replayed from elsewhere.
    /// </summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Short-abandon threshold for events that do not carry their queue's own (default 5 s).</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Per-queue thresholds (service level, short abandon) that override the queue's own, e.g. from
    /// <see cref="ForQueues(IEnumerable{QueueDefinition}, TimeSpan)"/> (default none: each queue's definition applies).
    /// </summary>
    public IReadOnlyDictionary<QueueId, (TimeSpan ServiceLevel, TimeSpan ShortAbandon)> PerQueue { get; init; } =
        new Dictionary<QueueId, (TimeSpan ServiceLevel, TimeSpan ShortAbandon)>();

    /// <summary>
    /// Which queues each agent serves, for per-queue agent time (<see cref="IntervalStatistics.AgentTime(QueueId, DateTimeOffset, DateTimeOffset, DateTimeOffset)"/>),
    /// e.g. from <see cref="ForQueues(IEnumerable{QueueDefinition}, TimeSpan, IEnumerable{AgentDefinition})"/> (default none).
    /// </summary>
    public IReadOnlyDictionary<AgentId, IReadOnlyList<QueueId>> Members { get; init; } =
        new Dictionary<AgentId, IReadOnlyList<QueueId>>();

    /// <summary>Options that pin each queue's thresholds to the given definitions (also for events replayed without them).</summary>
    public static StatisticsOptions ForQueues(IEnumerable<QueueDefinition> queues, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(queues);
        return new StatisticsOptions
        {
            Interval = interval,
            PerQueue = queues.ToDictionary(q => q.Id, q => (q.ServiceLevelThreshold, q.ShortAbandonThreshold)),
        };
    }

    /// <summary>
    /// Options that pin each queue's thresholds to its definition and know each agent's queues, so per-queue
    /// agent time (occupancy, utilization) is kept too.
    /// </summary>
    public static StatisticsOptions ForQueues(IEnumerable<QueueDefinition> queues, TimeSpan interval, IEnumerable<AgentDefinition> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        return ForQueues(queues, interval) with
        {
            Members = agents.ToDictionary(a => a.Id, a => (IReadOnlyList<QueueId>)a.Queues.Select(m => m.Queue).Distinct().ToArray()),
        };
    }
}
