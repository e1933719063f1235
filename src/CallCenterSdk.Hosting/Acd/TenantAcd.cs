using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Hosting;
using CallCenterSdk.Acd.Statistics;
using CallCenterSdk.Hosting.Options;

namespace CallCenterSdk.Hosting.Acd;

/// <summary>
/// The ACD of one tenant: an <see cref="AcdEngine"/> behind <see cref="SynchronizedAcd"/> (one lock, a
/// <see cref="TimeProvider"/> timer for offers, wrap-up and overflow) with interval statistics for the
/// real-time views. Every operation goes through <see cref="Execute{T}"/>.
/// </summary>
public sealed class TenantAcd : IDisposable
{
    private readonly SynchronizedAcd _acd;
    private readonly IntervalStatistics _statistics;
    private readonly object _statisticsLock = new();
    private readonly TimeProvider _time;

    internal TenantAcd(TenantOptions options, TimeProvider time)
    {
        Tenant = new TenantId(options.Id);
        Options = options;
        _time = time;
        var engine = new AcdEngine(time, new Random());
        var queues = options.Queues.Select(q => new QueueDefinition
        {
            Id = new QueueId(Tenant, q.Id),
            Strategy = q.Strategy,
            ServiceLevelThreshold = TimeSpan.FromSeconds(q.ServiceLevelThresholdSeconds),
            WrapUp = TimeSpan.FromSeconds(q.WrapUpSeconds),
            OfferTimeout = TimeSpan.FromSeconds(q.OfferTimeoutSeconds),
            MaxWait = q.MaxWaitSeconds > 0 ? TimeSpan.FromSeconds(q.MaxWaitSeconds) : null,
            RequiredSkills = q.RequiredSkills.Select(s => new SkillRequirement(new SkillId(Tenant, s.Key), s.Value)).ToList(),
        }).ToList();
        foreach (var q in queues)
        {
            engine.DefineQueue(q);
        }

        foreach (var a in options.Agents)
        {
            engine.DefineAgent(new AgentDefinition
            {
                Id = new AgentId(Tenant, a.Id),
                Skills = a.Skills.Select(s => new SkillLevel(new SkillId(Tenant, s.Key), s.Value)).ToList(),
                Queues = a.Queues.Select((q, i) => new QueueMembership { Queue = new QueueId(Tenant, q), Position = i }).ToList(),
            });
        }

        _statistics = new IntervalStatistics(StatisticsOptions.ForQueues(queues, TimeSpan.FromMinutes(30)));
        _acd = new SynchronizedAcd(engine, time);
        _acd.Subscribe(new StatisticsSink(this));
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The tenant's configuration.</summary>
    public TenantOptions Options { get; }

    /// <summary>The clock the engine runs on.</summary>
    public TimeProvider Time => _time;

    /// <summary>Adds an event subscriber (called outside the engine lock, in engine order).</summary>
    public void Subscribe(IAcdEventSink sink) => _acd.Subscribe(sink);

    /// <summary>Runs an operation on the engine under its lock.</summary>
    public T Execute<T>(Func<AcdEngine, T> operation) => _acd.Execute(operation);

    /// <summary>Runs an operation with no result on the engine under its lock.</summary>
    public void Execute(Action<AcdEngine> operation) => _acd.Execute(operation);

    /// <summary>Puts a contact in a queue of this tenant (the queue's tenant must be this one).</summary>
    public EnqueueResult Enqueue(ContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Queue.Tenant != Tenant)
        {
            throw new ArgumentException($"Queue {request.Queue} is not a queue of tenant {Tenant}.", nameof(request));
        }

        return Execute(e => e.Enqueue(request));
    }

    /// <summary>
    /// Today's figures of one queue from the interval statistics: since the start of the tenant's day
    /// (<see cref="TenantOptions.TimeZone"/>; in a zone whose offset is not a whole half hour, from the first
    /// 30-minute interval that starts in it).
    /// </summary>
    public QueueFigures Today(QueueId queue)
    {
        var now = _time.GetUtcNow();
        var midnight = Options.DayStart(now);
        lock (_statisticsLock)
        {
            return _statistics.Summarize(queue, midnight, now.AddTicks(1));
        }
    }

    /// <summary>Today's figures over every queue of the tenant (the tenant's day, as <see cref="Today"/>).</summary>
    public QueueFigures TodayForTenant()
    {
        var now = _time.GetUtcNow();
        var midnight = Options.DayStart(now);
        lock (_statisticsLock)
        {
            return _statistics.SummarizeTenant(Tenant, midnight, now.AddTicks(1));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _acd.Dispose();

    private sealed class StatisticsSink(TenantAcd owner) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent)
        {
            // Waits counted in whole milliseconds, truncated, as the CDRs store them (QueueWaits): the wallboard's ASA,
            // service level and longest wait then equal the report's.
            var counted = acdEvent with { Wait = QueueWaits.Truncate(acdEvent.Wait) };
            lock (owner._statisticsLock)
            {
                owner._statistics.OnEvent(counted);
            }
        }
    }
}
