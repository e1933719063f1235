using BenchmarkDotNet.Attributes;
using CallCenterSdk.Acd;

namespace CallCenterSdk.Benchmarks.Acd;

/// <summary>
/// The whole engine path for one contact at scale (10,000 agents, 200 queues): enqueue (decision,
/// reservation, events), accept, release (agent free again, agent-side decision finds nothing).
/// Allocation here is the contact's own record, not the decisions.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EnqueueAndAnswerBenchmarks
{
    private AcdEngine _engine = null!;
    private ContactRequest[] _requests = null!;
    private int _next;

    [Params(RoutingStrategyKind.LongestIdle, RoutingStrategyKind.BestSkillMatch)]
    public RoutingStrategyKind Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = new AcdScale.Clock();
        _engine = AcdScale.Build(Strategy, clock);
        for (int i = 0; i < AcdScale.Agents; i++)
        {
            _engine.Login(AcdScale.Agent(i));
        }

        _requests = Enumerable.Range(0, AcdScale.Skills)
            .Select(s => new ContactRequest { Queue = AcdScale.Queue(s), RequiredSkills = [new SkillRequirement(AcdScale.Skill(s), 3)] })
            .ToArray();
    }

    [Benchmark]
    public void EnqueueAcceptRelease()
    {
        var request = _requests[_next];
        _next = _next + 1 == _requests.Length ? 0 : _next + 1;
        var contact = _engine.Enqueue(request).Contact;
        var offers = _engine.GetOffers(contact);
        _engine.Accept(offers[0], contact);
        _engine.Release(contact);
    }
}
