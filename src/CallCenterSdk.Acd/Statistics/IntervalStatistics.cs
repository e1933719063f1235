namespace CallCenterSdk.Acd.Statistics;

/// <summary>
/// Interval statistics built from the engine's events (subscribe it with <see cref="AcdEngine.Subscribe"/>):
/// per queue and interval the contact counters, per tenant and interval the agent time by state, and per
/// queue the agent time of its members when <see cref="StatisticsOptions.Members"/> says who they are.
/// Agent time is cut at interval boundaries. The same events can be replayed from an audit trail.
/// </summary>
public sealed class IntervalStatistics : IAcdEventSink
{
    private readonly Dictionary<(QueueId Queue, long Bucket), QueueCounters> _queues = [];
    private readonly Dictionary<(TenantId Tenant, long Bucket), long[]> _agentTime = [];
    private readonly Dictionary<(QueueId Queue, long Bucket), long[]> _memberTime = [];
    private readonly Dictionary<AgentId, (AgentState State, long Since)> _current = [];
    private readonly long _interval;

    /// <summary>Creates the aggregator.</summary>
    public IntervalStatistics(StatisticsOptions? options = null)
    {
        Options = options ?? new StatisticsOptions();
        if (Options.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Interval, "The interval must be positive.");
        }

        _interval = Options.Interval.Ticks;
    }

    /// <summary>The settings.</summary>
    public StatisticsOptions Options { get; }

    /// <summary>Queues that had at least one event.</summary>
    public IReadOnlyCollection<QueueId> QueuesSeen => _queues.Keys.Select(k => k.Queue).Distinct().ToList();

    /// <inheritdoc />
    public void OnEvent(in AcdEvent acdEvent)
    {
        long t = acdEvent.Time.UtcTicks;
        if (acdEvent.Kind == AcdEventKind.AgentStateChanged && acdEvent.Agent is { } agent)
        {
            long since = t - acdEvent.StateDuration.Ticks;
            AddTime(_agentTime, agent.Tenant, acdEvent.FromState, since, t);
            if (Options.Members.TryGetValue(agent, out var queues))
            {
                foreach (var q in queues)
                {
                    AddTime(_memberTime, q, acdEvent.FromState, since, t);
                }
            }
            _current[agent] = (acdEvent.ToState, t);
            return;
        }

        if (acdEvent.Queue is not { } queue)
        {
            return;
        }

        // Thresholds: an explicit per-queue override, else the queue's own (carried by the event), else the defaults.
        var (slT, shortT) = Options.PerQueue.TryGetValue(queue, out var th)
            ? th
            : (acdEvent.ServiceLevelThreshold ?? Options.ServiceLevelThreshold, acdEvent.ShortAbandonThreshold ?? Options.ShortAbandonThreshold);
        var c = Counters(queue, t);
        long wait = acdEvent.Wait.Ticks;
        switch (acdEvent.Kind)
        {
            case AcdEventKind.Queued:
                c.Offered++;
                break;
            case AcdEventKind.Answered:
                c.Answered++;
                c.AnswerWaitTicks += wait;
                c.MaxWaitTicks = Math.Max(c.MaxWaitTicks, wait);
                if (wait <= slT.Ticks)
                {
                    c.AnsweredWithin++;
                }

                break;
            case AcdEventKind.Abandoned:
                c.Abandoned++;
                c.AbandonWaitTicks += wait;
                c.MaxWaitTicks = Math.Max(c.MaxWaitTicks, wait);
                if (wait < shortT.Ticks)
                {
                    c.ShortAbandons++;
                }

                if (wait <= slT.Ticks)
                {
                    c.AbandonedWithin++;
                }

                break;
            case AcdEventKind.Overflowed:
                c.Overflowed++;
                c.MaxWaitTicks = Math.Max(c.MaxWaitTicks, wait);
                break;
            case AcdEventKind.Transferred:
                c.Transfers++;
                break;
            case AcdEventKind.Completed:
                c.Completed++;
                c.TalkTicks += acdEvent.Talk.Ticks;
                c.HoldTicks += acdEvent.Hold.Ticks;
                c.WrapTicks += acdEvent.WrapUp.Ticks;
                break;
            default:
                break;
        }
    }

    /// <summary>Every interval of a queue that had events, oldest first.</summary>
    public IReadOnlyList<(DateTimeOffset Start, QueueFigures Figures)> Intervals(QueueId queue) =>
        _queues.Where(kv => kv.Key.Queue == queue)
            .OrderBy(kv => kv.Key.Bucket)
            .Select(kv => (new DateTimeOffset(kv.Key.Bucket * _interval, TimeSpan.Zero), kv.Value.ToFigures()))
            .ToList();

    /// <summary>Sum of a queue's intervals that start in [from, to).</summary>
    public QueueFigures Summarize(QueueId queue, DateTimeOffset from, DateTimeOffset to) =>
        Sum(k => k.Queue == queue, from, to);

    /// <summary>Sum over every queue of a tenant, intervals starting in [from, to).</summary>
    public QueueFigures SummarizeTenant(TenantId tenant, DateTimeOffset from, DateTimeOffset to) =>
        Sum(k => k.Queue.Tenant == tenant, from, to);

    /// <summary>Agent time of a tenant in [from, to), counting states still open up to <paramref name="now"/>.</summary>
    public AgentTimeFigures AgentTime(TenantId tenant, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var sums = Sum(_agentTime, tenant, from, to);
        foreach (var kv in _current)
        {
            if (kv.Key.Tenant == tenant)
            {
                AddOpen(sums, kv.Value, from, to, now);
            }
        }

        return Figures(sums);
    }

    /// <summary>
    /// Agent time of a queue's members in [from, to), counting states still open up to <paramref name="now"/>:
    /// the basis of per-queue occupancy and utilization. An agent in several queues counts fully in each (its
    /// idle time is available to all of them). Needs <see cref="StatisticsOptions.Members"/>; empty without.
    /// </summary>
    public AgentTimeFigures AgentTime(QueueId queue, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var sums = Sum(_memberTime, queue, from, to);
        foreach (var kv in _current)
        {
            if (Options.Members.TryGetValue(kv.Key, out var queues) && queues.Contains(queue))
            {
                AddOpen(sums, kv.Value, from, to, now);
            }
        }

        return Figures(sums);
    }

    private long[] Sum<TKey>(Dictionary<(TKey Key, long Bucket), long[]> map, TKey key, DateTimeOffset from, DateTimeOffset to)
        where TKey : IEquatable<TKey>
    {
        long fromB = Bucket(from.UtcTicks), toB = Bucket(to.UtcTicks - 1);
        var sums = new long[6];
        foreach (var kv in map)
        {
            if (kv.Key.Key.Equals(key) && kv.Key.Bucket >= fromB && kv.Key.Bucket <= toB)
            {
                for (int i = 0; i < 6; i++)
                {
                    sums[i] += kv.Value[i];
                }
            }
        }

        return sums;
    }

    /// <summary>A state still running at 'now' has not produced its event yet: count it up to now.</summary>
    private static void AddOpen(long[] sums, (AgentState State, long Since) open, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        long start = Math.Max(open.Since, from.UtcTicks);
        long end = Math.Min(now.UtcTicks, to.UtcTicks);
        if (end > start)
        {
            sums[(int)open.State] += end - start;
        }
    }

    private static AgentTimeFigures Figures(long[] sums) =>
        new AgentTimeFigures
        {
            Available = TimeSpan.FromTicks(sums[(int)AgentState.Available]),
            Reserved = TimeSpan.FromTicks(sums[(int)AgentState.Reserved]),
            OnContact = TimeSpan.FromTicks(sums[(int)AgentState.OnContact]),
            WrapUp = TimeSpan.FromTicks(sums[(int)AgentState.WrapUp]),
            NotReady = TimeSpan.FromTicks(sums[(int)AgentState.NotReady]),
        };

    private QueueFigures Sum(Func<(QueueId Queue, long Bucket), bool> which, DateTimeOffset from, DateTimeOffset to)
    {
        long fromB = Bucket(from.UtcTicks), toB = Bucket(to.UtcTicks - 1);
        var total = new QueueFigures();
        foreach (var kv in _queues)
        {
            if (which(kv.Key) && kv.Key.Bucket >= fromB && kv.Key.Bucket <= toB)
            {
                total += kv.Value.ToFigures();
            }
        }

        return total;
    }

    private long Bucket(long ticks) => ticks >= 0 ? ticks / _interval : ((ticks + 1) / _interval) - 1;

    private QueueCounters Counters(QueueId queue, long ticks)
    {
        var key = (queue, Bucket(ticks));
        if (!_queues.TryGetValue(key, out var c))
        {
            c = new QueueCounters();
            _queues.Add(key, c);
        }

        return c;
    }

    private void AddTime<TKey>(Dictionary<(TKey Key, long Bucket), long[]> map, TKey owner, AgentState state, long start, long end)
        where TKey : IEquatable<TKey>
    {
        while (start < end)
        {
            long bucket = Bucket(start);
            long bucketEnd = (bucket + 1) * _interval;
            long piece = Math.Min(end, bucketEnd) - start;
            var key = (owner, bucket);
            if (!map.TryGetValue(key, out var sums))
            {
                sums = new long[6];
                map.Add(key, sums);
            }

            sums[(int)state] += piece;
            start += piece;
        }
    }
}
