namespace CallCenterSdk.Acd.Statistics;

/// <summary>Settings of <see cref="IntervalStatistics"/>.</summary>
public sealed record StatisticsOptions
{
    /// <summary>Interval length: 15, 30 or 60 minutes, or a day (default 30 minutes).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Service-level threshold T for queues without their own (default 20 s).</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Short-abandon threshold for queues without their own (default 5 s).</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-queue thresholds (service level, short abandon), e.g. from <see cref="ForQueues"/>.</summary>
    public IReadOnlyDictionary<QueueId, (TimeSpan ServiceLevel, TimeSpan ShortAbandon)> PerQueue { get; init; } =
        new Dictionary<QueueId, (TimeSpan ServiceLevel, TimeSpan ShortAbandon)>();

    /// <summary>Options that take each queue's thresholds from its definition.</summary>
    public static StatisticsOptions ForQueues(IEnumerable<QueueDefinition> queues, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(queues);
        return new StatisticsOptions
        {
            Interval = interval,
            PerQueue = queues.ToDictionary(q => q.Id, q => (q.ServiceLevelThreshold, q.ShortAbandonThreshold)),
        };
    }
}
