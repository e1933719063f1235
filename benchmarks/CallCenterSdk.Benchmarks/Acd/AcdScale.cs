using CallCenterSdk.Acd;

namespace CallCenterSdk.Benchmarks.Acd;

/// <summary>
/// The scale: 10,000 agents across 200 skills. One queue per skill (requiring it); every
/// agent holds three skills at levels 1-10 and is a member of those three queues.
/// </summary>
internal static class AcdScale
{
    public const int Agents = 10_000;
    public const int Skills = 200;
    public const int SkillsPerAgent = 3;
    public static readonly TenantId Tenant = new("bench");

    public sealed class Clock : TimeProvider
    {
        public long Ticks { get; set; } = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Ticks, TimeSpan.Zero);
    }

    public static QueueId Queue(int skill) => new(Tenant, "q" + skill);

    public static SkillId Skill(int skill) => new(Tenant, "s" + skill);

    public static AgentId Agent(int i) => new(Tenant, "a" + i);

    public static AcdEngine Build(RoutingStrategyKind strategy, Clock clock)
    {
        var engine = new AcdEngine(clock, new Random(42));
        for (int s = 0; s < Skills; s++)
        {
            engine.DefineQueue(new QueueDefinition { Id = Queue(s), Strategy = strategy, RequiredSkills = [new SkillRequirement(Skill(s), 1)] });
        }

        var random = new Random(7);
        for (int i = 0; i < Agents; i++)
        {
            var skills = new HashSet<int>();
            while (skills.Count < SkillsPerAgent)
            {
                skills.Add(random.Next(Skills));
            }

            engine.DefineAgent(new AgentDefinition
            {
                Id = Agent(i),
                Skills = skills.Select(s => new SkillLevel(Skill(s), random.Next(1, 11))).ToArray(),
                Queues = skills.Select(s => new QueueMembership { Queue = Queue(s), Position = i, Penalty = i % 4 }).ToArray(),
            });
        }

        return engine;
    }
}
