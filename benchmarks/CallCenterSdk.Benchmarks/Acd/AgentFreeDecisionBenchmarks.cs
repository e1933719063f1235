using BenchmarkDotNet.Attributes;
using CallCenterSdk.Acd;

namespace CallCenterSdk.Benchmarks.Acd;

/// <summary>
/// "An agent becomes free": with 50,000 contacts waiting over 200 queues (every agent busy in not
/// ready), the choice of the next contact for one agent across its three queues. Only the decision
/// runs, cycling over 1,000 agents.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AgentFreeDecisionBenchmarks
{
    private const int Waiting = 50_000;
    private AcdEngine _engine = null!;
    private AgentId[] _agents = null!;
    private int _next;

    [Params(RoutingStrategyKind.LongestIdle, RoutingStrategyKind.BestSkillMatch, RoutingStrategyKind.RingAll)]
    public RoutingStrategyKind Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = new AcdScale.Clock();
        _engine = AcdScale.Build(Strategy, clock);
        for (int i = 0; i < AcdScale.Agents; i++)
        {
            _engine.Login(AcdScale.Agent(i), NotReadyReasons.Break);
        }

        var random = new Random(3);
        for (int i = 0; i < Waiting; i++)
        {
            clock.Ticks += TimeSpan.TicksPerMillisecond;
            int s = random.Next(AcdScale.Skills);
            _engine.Enqueue(new ContactRequest { Queue = AcdScale.Queue(s), Priority = random.Next(3), RequiredSkills = [new SkillRequirement(AcdScale.Skill(s), random.Next(1, 4))] });
        }

        _agents = Enumerable.Range(0, 1000).Select(AcdScale.Agent).ToArray();
    }

    [Benchmark]
    public ContactId? Decide()
    {
        var agent = _agents[_next];
        _next = _next + 1 == _agents.Length ? 0 : _next + 1;
        return _engine.DecideContactFor(agent);
    }
}
