using CallCenterSdk.Acd.Statistics;

namespace CallCenterSdk.Acd.Simulation;

/// <summary>
/// A discrete-event simulator around the real <see cref="AcdEngine"/>: Poisson arrivals with an
/// intraday profile, handle-time and patience distributions, agents with shifts, any strategy. The
/// engine makes every routing decision; the simulator only plays callers and agents, on a virtual
/// clock, so a day runs in well under a second of wall time for hundreds of agents.
/// </summary>
public sealed class CallCenterSimulator : IAcdEventSink
{
    private static readonly TenantId Tenant = new("sim");
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly SimulationClock _clock;
    private readonly AcdEngine _engine;
    private readonly IntervalStatistics _statistics;
    private readonly PriorityQueue<SimulationEvent, (long Due, long Order)> _events = new();
    private readonly List<AgentId> _agents = [];
    private readonly HashSet<long> _waiting = [];
    private readonly Dictionary<long, long> _estimates = [];
    private readonly HashSet<int> _leaving = [];
    private readonly List<(AcdEventKind Kind, ContactId Contact, AgentId? Agent)> _todo = [];
    private readonly QueueId _queue = new(Tenant, "simulated");
    private readonly long _measureFrom;
    private long _order;
    private long _arrivals;
    private long _waited;
    private long _outcomes;
    private double _estimateError;
    private double _estimateAbsError;
    private long _estimateSamples;

    /// <summary>Sets up a run (nothing runs until <see cref="Run"/>).</summary>
    public CallCenterSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Duration <= TimeSpan.Zero || options.WarmUp < TimeSpan.Zero || options.WarmUp >= options.Duration)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The duration must be positive and longer than the warm-up.");
        }

        if (options.Arrivals.CallsPerInterval.Count == 0 || options.Arrivals.CallsPerInterval.Any(c => c < 0 || double.IsNaN(c)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The arrival profile needs at least one non-negative volume.");
        }

        _options = options;
        _random = new Random(options.Seed);
        _clock = new SimulationClock(options.Start);
        _engine = new AcdEngine(_clock, new Random(options.Seed ^ 0x5EED));
        _measureFrom = options.Start.UtcTicks + options.WarmUp.Ticks;
        var skills = Enumerable.Range(0, options.Skills).Select(i => new SkillId(Tenant, "skill" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var queue = new QueueDefinition
        {
            Id = _queue,
            Strategy = options.Strategy,
            WrapUp = options.WrapUp,
            ServiceLevelThreshold = options.ServiceLevelThreshold,
            ShortAbandonThreshold = options.ShortAbandonThreshold,
            InitialHandleTimeEstimate = TimeSpan.FromSeconds(options.HandleTime.Mean) + options.WrapUp,
            OfferTimeout = TimeSpan.FromHours(1),
        };
        _engine.DefineQueue(queue);
        _statistics = new IntervalStatistics(StatisticsOptions.ForQueues([queue], options.StatisticsInterval));
        _engine.Subscribe(_statistics);
        _engine.Subscribe(this);
        Skills = skills;

        var shifts = options.Shifts.Count > 0 ? options.Shifts : [new AgentShift(options.Agents, TimeSpan.Zero, options.Duration)];
        foreach (var shift in shifts)
        {
            for (int i = 0; i < shift.Agents; i++)
            {
                var id = new AgentId(Tenant, "agent" + _agents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                _engine.DefineAgent(new AgentDefinition
                {
                    Id = id,
                    Skills = skills.Select(s => new SkillLevel(s, _random.Next(1, 11))).ToArray(),
                    Queues = [new QueueMembership { Queue = _queue, Position = _agents.Count, Penalty = _agents.Count % 3 }],
                });
                Schedule(options.Start.UtcTicks + shift.Start.Ticks, new SimulationEvent(SimulationEventKind.ShiftStart, default, _agents.Count));
                if (shift.End < options.Duration)
                {
                    Schedule(options.Start.UtcTicks + shift.End.Ticks, new SimulationEvent(SimulationEventKind.ShiftEnd, default, _agents.Count));
                }

                _agents.Add(id);
            }
        }
    }

    private SkillId[] Skills { get; }

    /// <summary>Runs the whole simulation and returns its figures.</summary>
    public SimulationResult Run()
    {
        long start = _options.Start.UtcTicks;
        long end = start + _options.Duration.Ticks;
        ScheduleNextArrival(start);
        while (true)
        {
            long simDue = _events.TryPeek(out _, out var p) ? p.Due : long.MaxValue;
            long engineDue = _engine.NextDueTime?.UtcTicks ?? long.MaxValue;
            long next = Math.Min(simDue, engineDue);
            if (next > end)
            {
                break;
            }

            _clock.Ticks = Math.Max(_clock.Ticks, next);
            if (engineDue <= simDue)
            {
                _engine.Advance();
            }
            else
            {
                Handle(_events.Dequeue());
            }

            DrainTodo();
        }

        _clock.Ticks = end;
        var from = new DateTimeOffset(_measureFrom, TimeSpan.Zero);
        var to = new DateTimeOffset(end, TimeSpan.Zero);
        return new SimulationResult
        {
            Totals = _statistics.Summarize(_queue, from, to),
            AgentTime = _statistics.AgentTime(Tenant, from, to, to),
            Intervals = _statistics.Intervals(_queue),
            Variant = _options.ServiceLevelVariant,
            Arrivals = _arrivals,
            ProbabilityOfWait = _outcomes > 0 ? (double)_waited / _outcomes : 0,
            WaitEstimateMeanErrorSeconds = _estimateSamples > 0 ? _estimateError / _estimateSamples : 0,
            WaitEstimateMeanAbsoluteErrorSeconds = _estimateSamples > 0 ? _estimateAbsError / _estimateSamples : 0,
            WaitEstimateSamples = _estimateSamples,
        };
    }

    /// <inheritdoc />
    void IAcdEventSink.OnEvent(in AcdEvent acdEvent)
    {
        switch (acdEvent.Kind)
        {
            case AcdEventKind.Reserved:
            case AcdEventKind.Answered:
                _todo.Add((acdEvent.Kind, acdEvent.Contact!.Value, acdEvent.Agent));
                break;
            case AcdEventKind.Completed:
                _todo.Add((acdEvent.Kind, acdEvent.Contact!.Value, acdEvent.Agent));
                break;
            case AcdEventKind.Abandoned:
            case AcdEventKind.Overflowed:
                _waiting.Remove(acdEvent.Contact!.Value.Sequence);
                break;
            default:
                break;
        }

        if (acdEvent.Time.UtcTicks >= _measureFrom && acdEvent.Kind is AcdEventKind.Answered or AcdEventKind.Abandoned)
        {
            _outcomes++;
            if (acdEvent.Wait > TimeSpan.Zero)
            {
                _waited++;
            }
        }
    }

    private void DrainTodo()
    {
        for (int i = 0; i < _todo.Count; i++)
        {
            var (kind, contact, agent) = _todo[i];
            switch (kind)
            {
                case AcdEventKind.Reserved:
                    if (_options.AnswerDelay > TimeSpan.Zero)
                    {
                        Schedule(_clock.Ticks + _options.AnswerDelay.Ticks, new SimulationEvent(SimulationEventKind.Accept, contact, _agents.IndexOf(agent!.Value)));
                    }
                    else if (_engine.GetOffers(contact).Contains(agent!.Value))
                    {
                        _engine.Accept(agent.Value, contact);
                    }

                    break;
                case AcdEventKind.Answered:
                    _waiting.Remove(contact.Sequence);
                    if (_estimates.Remove(contact.Sequence, out long estimate) && _clock.Ticks >= _measureFrom)
                    {
                        // The answer happened now: the actual wait is now minus the enqueue time.
                        double actual = (_clock.Ticks - estimate) / (double)TimeSpan.TicksPerSecond;
                        _estimateError += actual;
                        _estimateAbsError += Math.Abs(actual);
                        _estimateSamples++;
                    }

                    Schedule(_clock.Ticks + Seconds(_options.HandleTime.Sample(_random)), new SimulationEvent(SimulationEventKind.Finish, contact, 0));
                    break;
                case AcdEventKind.Completed:
                    int index = _agents.IndexOf(agent!.Value);
                    if (_leaving.Contains(index) && _engine.GetAgentStatus(agent.Value).Contacts.Count == 0)
                    {
                        _leaving.Remove(index);
                        _engine.Logout(agent.Value);
                    }

                    break;
                default:
                    break;
            }
        }

        _todo.Clear();
    }

    private void Handle(SimulationEvent e)
    {
        switch (e.Kind)
        {
            case SimulationEventKind.Arrival:
                Arrive();
                break;
            case SimulationEventKind.Finish:
                _engine.Release(e.Contact);
                break;
            case SimulationEventKind.Abandon:
                if (_waiting.Contains(e.Contact.Sequence))
                {
                    _waiting.Remove(e.Contact.Sequence);
                    _estimates.Remove(e.Contact.Sequence);
                    _engine.Abandon(e.Contact);
                }

                break;
            case SimulationEventKind.Accept:
                if (_engine.GetOffers(e.Contact).Contains(_agents[e.Agent]))
                {
                    _engine.Accept(_agents[e.Agent], e.Contact);
                }

                break;
            case SimulationEventKind.ShiftStart:
                _leaving.Remove(e.Agent);
                if (_engine.GetAgentStatus(_agents[e.Agent]).State == AgentState.LoggedOut)
                {
                    _engine.Login(_agents[e.Agent]);
                }

                break;
            case SimulationEventKind.ShiftEnd:
                {
                    var status = _engine.GetAgentStatus(_agents[e.Agent]);
                    if (status.State == AgentState.LoggedOut)
                    {
                        break;
                    }

                    if (status.Contacts.Count == 0)
                    {
                        _engine.Logout(_agents[e.Agent]);
                    }
                    else
                    {
                        // Finish the contact in hand, take no new one, then log out.
                        _leaving.Add(e.Agent);
                        _engine.SetNotReady(_agents[e.Agent], "end-of-shift");
                    }

                    break;
                }
        }
    }

    private void Arrive()
    {
        _arrivals++;
        var request = new ContactRequest
        {
            Queue = _queue,
            RequiredSkills = Skills.Length > 0 ? [new SkillRequirement(Skills[_random.Next(Skills.Length)], 1)] : [],
        };
        var result = _engine.Enqueue(request);
        if (result.Outcome == EnqueueOutcome.Queued)
        {
            _waiting.Add(result.Contact.Sequence);
            // Remember enqueue time + estimate; at answer, (now - this) is actual - estimate.
            _estimates[result.Contact.Sequence] = _clock.Ticks + _engine.GetExpectedWait(result.Contact).Ticks;
        }

        if (_options.Patience is { } patience && result.Outcome != EnqueueOutcome.Overflowed)
        {
            if (result.Outcome == EnqueueOutcome.Offered)
            {
                _waiting.Add(result.Contact.Sequence);
            }

            Schedule(_clock.Ticks + Seconds(patience.Sample(_random)), new SimulationEvent(SimulationEventKind.Abandon, result.Contact, 0));
        }

        ScheduleNextArrival(_clock.Ticks);
    }

    private void ScheduleNextArrival(long from)
    {
        long start = _options.Start.UtcTicks;
        long t = from;
        long end = start + _options.Duration.Ticks;
        long interval = _options.Arrivals.Interval.Ticks;
        while (t <= end)
        {
            double rate = _options.Arrivals.RatePerSecond(t - start);
            long boundary = start + (((t - start) / interval) + 1) * interval;
            if (rate > 0)
            {
                long next = t + Seconds(-Math.Log(1.0 - _random.NextDouble()) / rate);
                if (next < boundary)
                {
                    Schedule(next, new SimulationEvent(SimulationEventKind.Arrival, default, 0));
                    return;
                }
            }

            // Memoryless: past the boundary, draw again at the next interval's rate.
            t = boundary;
        }
    }

    private static long Seconds(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    private void Schedule(long due, SimulationEvent e) => _events.Enqueue(e, (due, _order++));
}
