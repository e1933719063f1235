using BenchmarkDotNet.Attributes;
using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Benchmarks.Acd;

/// <summary>
/// "A contact arrives" in one queue of 10,000 available agents (n = 10,000, the O(log n) claim at full size).
/// Every agent holds a common skill at level 1-10 and three of 200 other skills at level 1-10.
/// <c>MixedLevels</c>: the contact needs the common skill at level 3-7 (40-80% of agents qualify).
/// <c>OneOf200Skills</c>: it needs one of the 200 skills at level 5 or more (about 0.9% qualify). Best skill
/// match goes straight to the skill's index; longest idle walks the idle order past the agents who do not
/// qualify (the k term: about 110 for OneOf200Skills). Only the decision runs, cycling over 200 probes.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SingleQueueDecisionBenchmarks
{
    private AcdEngine _engine = null!;
    private ContactRuntime[] _probes = null!;
    private int _next;

    [Params(RoutingStrategyKind.LongestIdle, RoutingStrategyKind.BestSkillMatch)]
    public RoutingStrategyKind Strategy { get; set; }

    [Params("MixedLevels", "OneOf200Skills")]
    public string Requirement { get; set; } = "MixedLevels";

    [GlobalSetup]
    public void Setup()
    {
        var clock = new AcdScale.Clock();
        _engine = new AcdEngine(clock, new Random(42));
        var queue = new QueueId(AcdScale.Tenant, "all");
        var common = new SkillId(AcdScale.Tenant, "common");
        _engine.DefineQueue(new QueueDefinition { Id = queue, Strategy = Strategy });
        var random = new Random(7);
        for (int i = 0; i < AcdScale.Agents; i++)
        {
            var skills = new HashSet<int>();
            while (skills.Count < AcdScale.SkillsPerAgent)
            {
                skills.Add(random.Next(AcdScale.Skills));
            }

            _engine.DefineAgent(new AgentDefinition
            {
                Id = AcdScale.Agent(i),
                Skills = [new SkillLevel(common, random.Next(1, 11)), .. skills.Select(s => new SkillLevel(AcdScale.Skill(s), random.Next(1, 11)))],
                Queues = [new QueueMembership { Queue = queue, Position = i }],
            });
        }

        for (int i = 0; i < AcdScale.Agents; i++)
        {
            clock.Ticks += TimeSpan.TicksPerMillisecond; // distinct idle times
            _engine.Login(AcdScale.Agent(i));
        }

        _probes = Enumerable.Range(0, AcdScale.Skills)
            .Select(s => _engine.CreateProbe(new ContactRequest
            {
                Queue = queue,
                RequiredSkills = [Requirement == "MixedLevels" ? new SkillRequirement(common, 3 + (s % 5)) : new SkillRequirement(AcdScale.Skill(s), 5)],
            }))
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
