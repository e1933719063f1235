using BenchmarkDotNet.Attributes;
using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Benchmarks.Acd;

/// <summary>
/// "A contact arrives": the strategy's choice among 10,000 available agents (200 skills, ~150
/// available members per queue), for a contact needing the queue's skill at level 5 or more. Only
/// the decision runs (no offer, no event), cycling over the 200 queues.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ContactArrivesDecisionBenchmarks
{
    private AcdEngine _engine = null!;
    private ContactRuntime[] _probes = null!;
    private int _next;

    [Params(
        RoutingStrategyKind.LongestIdle, RoutingStrategyKind.BestSkillMatch, RoutingStrategyKind.RoundRobin,
        RoutingStrategyKind.FewestContacts, RoutingStrategyKind.LeastTalkTime, RoutingStrategyKind.RingAll,
        RoutingStrategyKind.TopDown, RoutingStrategyKind.SequentialByAgentOrder, RoutingStrategyKind.Random,
        RoutingStrategyKind.WeightedRandom, RoutingStrategyKind.RingProgressively)]
    public RoutingStrategyKind Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = new AcdScale.Clock();
        _engine = AcdScale.Build(Strategy, clock);
        for (int i = 0; i < AcdScale.Agents; i++)
        {
            clock.Ticks += TimeSpan.TicksPerMillisecond; // distinct idle times
            _engine.Login(AcdScale.Agent(i));
        }

        _probes = Enumerable.Range(0, AcdScale.Skills)
            .Select(s => _engine.CreateProbe(new ContactRequest { Queue = AcdScale.Queue(s), RequiredSkills = [new SkillRequirement(AcdScale.Skill(s), 5)] }))
            .ToArray();
    }

    [Benchmark]
    public AgentId? Decide()
    {
        var probe = _probes[_next];
        _next = _next + 1 == _probes.Length ? 0 : _next + 1;
        return _engine.DecideAgentFor(probe);
    }
}
