using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Acd.Tests.Support;

/// <summary>An engine on a fake clock that records every event, with short ways to set up queues and agents.</summary>
internal sealed class AcdHarness : IAcdEventSink
{
    public static readonly TenantId Tenant = new("t1");

    public AcdHarness(AcdOptions? options = null, int seed = 1)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        Engine = new AcdEngine(Time, new Random(seed), options);
        Engine.Subscribe(this);
    }

    public FakeTimeProvider Time { get; }

    public AcdEngine Engine { get; }

    public List<AcdEvent> Events { get; } = [];

    public static QueueId Q(string name) => new(Tenant, name);

    public static AgentId A(string name) => new(Tenant, name);

    public static SkillId S(string name) => new(Tenant, name);

    public QueueId Queue(string name, RoutingStrategyKind strategy = RoutingStrategyKind.LongestIdle, Func<QueueDefinition, QueueDefinition>? configure = null)
    {
        var def = new QueueDefinition { Id = Q(name), Strategy = strategy };
        Engine.DefineQueue(configure is null ? def : configure(def));
        return def.Id;
    }

    public AgentId Agent(string name, params QueueMembership[] queues) => Agent(name, [], queues);

    public AgentId Agent(string name, SkillLevel[] skills, params QueueMembership[] queues)
    {
        Engine.DefineAgent(new AgentDefinition { Id = A(name), Skills = skills, Queues = queues });
        return A(name);
    }

    /// <summary>A ring-all queue "q" with agents "a" and "b" logged in (both ring for every contact).</summary>
    public QueueId RingAllQueueWithTwoAgents()
    {
        var q = Queue("q", RoutingStrategyKind.RingAll);
        Agent("a", In(q));
        Agent("b", In(q));
        Engine.Login(A("a"));
        Engine.Login(A("b"));
        return q;
    }

    public static QueueMembership In(QueueId queue, int position = 0, int level = 1, int penalty = 0, int priority = 1, double delaySeconds = 0) =>
        new() { Queue = queue, Position = position, Level = level, Penalty = penalty, ProfilePriority = priority, ProfileDelay = TimeSpan.FromSeconds(delaySeconds) };

    public void Wait(double seconds)
    {
        Time.Advance(TimeSpan.FromSeconds(seconds));
        Engine.Advance();
    }

    public EnqueueResult Call(QueueId queue, int priority = 0, bool vip = false, string? caller = null, params SkillRequirement[] skills) =>
        Engine.Enqueue(new ContactRequest { Queue = queue, Priority = priority, Vip = vip, CallerNumber = caller, RequiredSkills = skills });

    /// <summary>Agents currently ringing for the contact.</summary>
    public IReadOnlyList<AgentId> Ringing(ContactId contact) => Engine.GetOffers(contact);

    /// <summary>The contact's single ringing agent accepts; returns it.</summary>
    public AgentId AcceptOffer(ContactId contact)
    {
        var offers = Engine.GetOffers(contact);
        Assert.Single(offers);
        Engine.Accept(offers[0], contact);
        return offers[0];
    }

    public IEnumerable<AcdEvent> Of(AcdEventKind kind) => Events.Where(e => e.Kind == kind);

    public void OnEvent(in AcdEvent acdEvent) => Events.Add(acdEvent);
}
