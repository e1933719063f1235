using System.Globalization;
using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Simulation;
using CallCenterSdk.Acd.Statistics;

namespace CallCenterSdk.AcdLab;

/// <summary>
/// A two-tenant demonstration center: queues with different strategies, skills, VIP callers,
/// returning callers (sticky routing), agents on shifts with breaks, missed offers, transfers and
/// overflow, all decided by <see cref="AcdEngine"/> on an accelerated clock.
/// </summary>
internal sealed class DemoCenter : IAcdEventSink
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private readonly Random _random;
    private readonly DemoClock _clock;
    private readonly List<DemoQueue> _queues = [];
    private readonly List<(AgentId Id, TimeSpan Start, TimeSpan End, TimeSpan Lunch)> _agents = [];
    private readonly List<AgentDefinition> _agentDefinitions = [];
    private readonly PriorityQueue<Action, (long Due, long Order)> _world = new();
    private readonly HashSet<ContactId> _waiting = [];
    private readonly Dictionary<ContactId, long> _estimateAt = [];
    private readonly Dictionary<ContactId, DemoQueue> _queueOf = [];
    private readonly List<Action> _reactions = [];
    private readonly Dictionary<AcdEventKind, long> _eventCounts = [];
    private long _order;
    private double _estimateAbsError;
    private long _estimateSamples;

    public DemoCenter(DateTimeOffset start, int seed)
    {
        _random = new Random(seed);
        _clock = new DemoClock(start);
        Start = start;
        Engine = new AcdEngine(_clock, new Random(seed + 1));
        Build();
        Statistics = new IntervalStatistics(StatisticsOptions.ForQueues(_queues.Select(q => q.Definition), TimeSpan.FromMinutes(15), _agentDefinitions));
        Engine.Subscribe(Statistics);
        Engine.Subscribe(this);
    }

    public AcdEngine Engine { get; }

    public IntervalStatistics Statistics { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset Now => _clock.Now;

    public IReadOnlyList<DemoQueue> Queues => _queues;

    public IReadOnlyList<TenantId> Tenants { get; } = [Acme, Globex];

    public IReadOnlyDictionary<AcdEventKind, long> EventCounts => _eventCounts;

    public double EstimateMeanAbsoluteErrorSeconds => _estimateSamples > 0 ? _estimateAbsError / _estimateSamples : 0;

    public long EstimateSamples => _estimateSamples;

    /// <summary>Schedules the day's arrivals and shifts.</summary>
    public void Open(TimeSpan hours)
    {
        foreach (var q in _queues)
        {
            var profile = ArrivalProfile.WorkingDay(q.CallsPerDay, Math.Max(1, (int)Math.Ceiling(hours.TotalHours)));
            ScheduleArrival(q, profile, Start.UtcTicks, Start.UtcTicks + hours.Ticks);
        }

        foreach (var (id, start, end, lunch) in _agents)
        {
            At(Start + start, () => Engine.Login(id));
            if (lunch < hours)
            {
                At(Start + lunch, () => TryAgent(() => Engine.SetNotReady(id, NotReadyReasons.Lunch)));
                At(Start + lunch + TimeSpan.FromMinutes(30), () => TryAgent(() => Engine.SetReady(id)));
            }

            if (end < hours)
            {
                At(Start + end, () => TryAgent(() => Engine.SetNotReady(id, "end-of-shift")));
                At(Start + end + TimeSpan.FromMinutes(10), () => TryAgent(() => Engine.ForceState(id, AgentState.LoggedOut)));
            }
        }
    }

    /// <summary>Runs the world until <paramref name="until"/>.</summary>
    public void RunUntil(DateTimeOffset until)
    {
        long end = until.UtcTicks;
        while (true)
        {
            long worldDue = _world.TryPeek(out _, out var p) ? p.Due : long.MaxValue;
            long engineDue = Engine.NextDueTime?.UtcTicks ?? long.MaxValue;
            long next = Math.Min(worldDue, engineDue);
            if (next > end)
            {
                break;
            }

            _clock.Ticks = Math.Max(_clock.Ticks, next);
            if (engineDue <= worldDue)
            {
                Engine.Advance();
            }
            else
            {
                _world.Dequeue()();
            }

            React();
        }

        _clock.Ticks = Math.Max(_clock.Ticks, end);
        Engine.Advance();
        React();
    }

    void IAcdEventSink.OnEvent(in AcdEvent acdEvent)
    {
        _eventCounts[acdEvent.Kind] = _eventCounts.GetValueOrDefault(acdEvent.Kind) + 1;
        var contact = acdEvent.Contact;
        var agent = acdEvent.Agent;
        switch (acdEvent.Kind)
        {
            case AcdEventKind.Reserved when contact is { } c && agent is { } a:
                {
                    // Agents pick up after 1-5 s; one offer in 25 rings out (missed-offer handling).
                    bool answers = _random.Next(25) != 0;
                    var ring = TimeSpan.FromSeconds(1 + (_random.NextDouble() * 4));
                    if (answers)
                    {
                        _reactions.Add(() => At(Now + ring, () => TryContact(() =>
                        {
                            if (Engine.GetOffers(c).Contains(a))
                            {
                                Engine.Accept(a, c);
                            }
                        })));
                    }

                    break;
                }

            case AcdEventKind.Answered when contact is { } c:
                {
                    _waiting.Remove(c);
                    if (_estimateAt.Remove(c, out long estimate))
                    {
                        _estimateAbsError += Math.Abs((_clock.Ticks - estimate) / (double)TimeSpan.TicksPerSecond);
                        _estimateSamples++;
                    }

                    var q = _queueOf[c];
                    var talk = TimeSpan.FromSeconds(q.HandleTime.Sample(_random));
                    bool hold = _random.Next(5) == 0;
                    bool transfer = q.Definition.Id.Name == "sales" && _random.Next(30) == 0;
                    _reactions.Add(() =>
                    {
                        if (hold)
                        {
                            At(Now + (talk / 3), () => TryContact(() => Engine.SetHold(c, true)));
                            At(Now + (talk / 2), () => TryContact(() => Engine.SetHold(c, false)));
                        }

                        At(Now + talk, () => TryContact(() =>
                        {
                            if (transfer)
                            {
                                var to = new QueueId(Acme, "support");
                                _queueOf[c] = _queues.First(x => x.Definition.Id == to);
                                if (Engine.Transfer(c, to).Outcome != EnqueueOutcome.Overflowed)
                                {
                                    _waiting.Add(c);
                                }
                            }
                            else
                            {
                                Engine.Release(c);
                            }
                        }));
                    });
                    break;
                }

            case AcdEventKind.Abandoned or AcdEventKind.Overflowed when contact is { } c:
                _waiting.Remove(c);
                _estimateAt.Remove(c);
                break;
            default:
                break;
        }
    }

    private void React()
    {
        for (int i = 0; i < _reactions.Count; i++)
        {
            _reactions[i]();
        }

        _reactions.Clear();
    }

    private void At(DateTimeOffset when, Action action) => _world.Enqueue(action, (when.UtcTicks, _order++));

    /// <summary>The world acts on a contact that may have moved on meanwhile (the caller hung up first): that is fine.</summary>
    private static void TryContact(Action action)
    {
        try
        {
            action();
        }
        catch (AcdException e) when (e.Error is AcdError.UnknownContact or AcdError.IllegalTransition or AcdError.AlreadyAnswered)
        {
            // The contact ended before this action: a race the real world has too.
        }
    }

    private static void TryAgent(Action action)
    {
        try
        {
            action();
        }
        catch (AcdException e) when (e.Error == AcdError.IllegalTransition)
        {
            // Already in that state (e.g. logged out by max-no-answer).
        }
    }

    private void ScheduleArrival(DemoQueue q, ArrivalProfile profile, long from, long end)
    {
        long t = from;
        long interval = profile.Interval.Ticks;
        while (t < end)
        {
            long index = (t - Start.UtcTicks) / interval;
            double rate = profile.CallsPerInterval[(int)(index % profile.CallsPerInterval.Count)] / profile.Interval.TotalSeconds;
            long boundary = Start.UtcTicks + ((index + 1) * interval);
            long next = t + (long)(-Math.Log(1 - _random.NextDouble()) / rate * TimeSpan.TicksPerSecond);
            if (next < boundary && next < end)
            {
                At(new DateTimeOffset(next, TimeSpan.Zero), () =>
                {
                    Arrive(q);
                    ScheduleArrival(q, profile, next, end);
                });
                return;
            }

            t = boundary;
        }
    }

    private void Arrive(DemoQueue q)
    {
        var tenant = q.Definition.Id.Tenant;
        bool vip = _random.Next(20) == 0;
        var target = q;
        if (vip && tenant == Acme)
        {
            target = _queues.First(x => x.Definition.Id.Name == "vip");
        }

        var request = new ContactRequest
        {
            Queue = target.Definition.Id,
            Vip = vip,
            Priority = _random.Next(10) == 0 ? 1 : 0,
            // A small pool of numbers so that callers come back (sticky routing).
            CallerNumber = "+4420" + _random.Next(300).ToString("D4", CultureInfo.InvariantCulture),
            RequiredSkills = target.RequiredSkill is { } skill ? [new SkillRequirement(skill, _random.Next(1, 7))] : [],
        };
        var result = Engine.Enqueue(request);
        _queueOf[result.Contact] = target;
        if (result.Outcome == EnqueueOutcome.Overflowed)
        {
            return;
        }

        _waiting.Add(result.Contact);
        if (result.Outcome == EnqueueOutcome.Queued)
        {
            _estimateAt[result.Contact] = _clock.Ticks + Engine.GetExpectedWait(result.Contact).Ticks;
        }

        var patience = TimeSpan.FromSeconds(Distribution.Exponential(vip ? 240 : 150).Sample(_random));
        var id = result.Contact;
        At(Now + patience, () =>
        {
            if (_waiting.Contains(id) && Engine.GetAgentOf(id) is null)
            {
                _waiting.Remove(id);
                TryContact(() => Engine.Abandon(id));
            }
        });
    }

    private void Build()
    {
        var en = new SkillId(Acme, "english");
        var fr = new SkillId(Acme, "french");
        var support = new SkillId(Acme, "support");
        var sales = new QueueDefinition
        {
            Id = new QueueId(Acme, "sales"),
            Strategy = RoutingStrategyKind.LongestIdle,
            AgingSecondsPerPriorityPoint = 60,
            MaxWait = TimeSpan.FromMinutes(4),
            OnMaxWait = OverflowTarget.ToVoicemail("sales-voicemail"),
            WrapUp = TimeSpan.FromSeconds(10),
        };
        var supportQueue = new QueueDefinition
        {
            Id = new QueueId(Acme, "support"),
            Strategy = RoutingStrategyKind.BestSkillMatch,
            WrapUp = TimeSpan.FromSeconds(30),
            StickyWait = TimeSpan.FromSeconds(20),
            Escalation =
            [
                new EscalationStep { After = TimeSpan.FromSeconds(45), RelaxLevelsBy = 3, SkipWhenNoAgentAvailable = true },
                new EscalationStep { After = TimeSpan.FromSeconds(120), AlsoTarget = [new QueueId(Acme, "sales")] },
            ],
        };
        var vipQueue = new QueueDefinition
        {
            Id = new QueueId(Acme, "vip"),
            Strategy = RoutingStrategyKind.RingAll,
            ServiceLevelThreshold = TimeSpan.FromSeconds(10),
            WrapUp = TimeSpan.FromSeconds(15),
        };
        var billing = new QueueDefinition
        {
            Id = new QueueId(Globex, "billing"),
            Strategy = RoutingStrategyKind.RoundRobin,
            MaxLength = 6,
            OnFull = OverflowTarget.ToQueue(new QueueId(Globex, "general")),
            WrapUp = TimeSpan.FromSeconds(20),
        };
        var general = new QueueDefinition
        {
            Id = new QueueId(Globex, "general"),
            Strategy = RoutingStrategyKind.FewestContacts,
            MaxWait = TimeSpan.FromMinutes(5),
            OnMaxWait = OverflowTarget.ToIvr("callback-offer"),
        };
        var tech = new QueueDefinition
        {
            Id = new QueueId(Globex, "tech"),
            Strategy = RoutingStrategyKind.WeightedRandom,
            Tiers = new TierRules { Apply = true, Wait = TimeSpan.FromSeconds(30) },
            WrapUp = TimeSpan.FromSeconds(20),
            JoinEmpty = JoinEmptyRule.RejectWhenNoAgentLoggedIn,
            OnNoAgent = OverflowTarget.ToVoicemail("tech-voicemail"),
        };
        _queues.Add(new DemoQueue(sales, 1300, Distribution.LogNormal(200, 0.8)));
        _queues.Add(new DemoQueue(supportQueue, 900, Distribution.LogNormal(300, 0.7), support));
        _queues.Add(new DemoQueue(vipQueue, 60, Distribution.LogNormal(240, 0.6)));
        _queues.Add(new DemoQueue(billing, 700, Distribution.LogNormal(180, 0.6)));
        _queues.Add(new DemoQueue(general, 500, Distribution.LogNormal(150, 0.7)));
        _queues.Add(new DemoQueue(tech, 450, Distribution.LogNormal(420, 0.6)));
        foreach (var q in _queues)
        {
            Engine.DefineQueue(q.Definition);
        }

        for (int i = 0; i < 30; i++)
        {
            var skills = new List<SkillLevel> { new(en, _random.Next(5, 11)), new(support, _random.Next(1, 11)) };
            if (i % 3 == 0)
            {
                skills.Add(new SkillLevel(fr, _random.Next(3, 11)));
            }

            var queues = new List<QueueMembership>();
            if (i < 14)
            {
                queues.Add(new QueueMembership { Queue = sales.Id, Position = i });
            }

            if (i >= 10)
            {
                queues.Add(new QueueMembership { Queue = supportQueue.Id, Position = i, ProfilePriority = i < 14 ? 2 : 1 });
            }

            if (i % 4 == 0)
            {
                queues.Add(new QueueMembership { Queue = vipQueue.Id, Position = i, ProfilePriority = 0 });
            }

            AddAgent(new AgentDefinition { Id = new AgentId(Acme, "a" + i.ToString("D2", CultureInfo.InvariantCulture)), Skills = skills, Queues = queues }, i);
        }

        for (int i = 0; i < 22; i++)
        {
            var queues = new List<QueueMembership>();
            if (i < 8)
            {
                queues.Add(new QueueMembership { Queue = billing.Id, Position = i });
            }

            if (i is >= 5 and < 13)
            {
                queues.Add(new QueueMembership { Queue = general.Id, Position = i, ProfilePriority = i < 8 ? 2 : 1 });
            }

            if (i >= 11)
            {
                queues.Add(new QueueMembership { Queue = tech.Id, Position = i, Level = i < 16 ? 1 : 2, Penalty = i % 3 });
            }

            AddAgent(new AgentDefinition
            {
                Id = new AgentId(Globex, "g" + i.ToString("D2", CultureInfo.InvariantCulture)),
                Queues = queues,
                MissedOffers = new MissedOfferPolicy { MaxNoAnswer = 2 },
            }, i);
        }
    }

    private void AddAgent(AgentDefinition definition, int i)
    {
        Engine.DefineAgent(definition);
        _agentDefinitions.Add(definition);
        // Early and late shifts, lunches spread over the middle of the day.
        var start = TimeSpan.FromMinutes(i % 3 == 0 ? 0 : i % 3 == 1 ? 15 : 60);
        var end = TimeSpan.FromHours(i % 3 == 2 ? 12 : 7.5);
        var lunch = TimeSpan.FromHours(3.5) + TimeSpan.FromMinutes(20 * (i % 5));
        _agents.Add((definition.Id, start, end, lunch));
    }
}
