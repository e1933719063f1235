using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Best skill match: among agents holding the contact's first required skill, the highest
/// proficiency, then the longest idle. One index per skill keyed by (-level, idle since); the walk
/// never sees members without the skill and stops at the first one below the minimum level, so a
/// decision is O((k + 1) log n) with k counting only members skipped for another requirement (a second
/// skill, a delay, a sticky agent). Contacts with no skill requirement go to the longest idle.
/// </summary>
internal sealed class BestSkillMatchStrategy : AgentSelectionStrategy
{
    private readonly Dictionary<int, OrderedIndex> _bySkill = [];
    private readonly OrderedIndex _byIdle = new(64);

    public BestSkillMatchStrategy(QueueRuntime queue)
        : base(queue)
    {
    }

    public override RoutingStrategyKind Kind => RoutingStrategyKind.BestSkillMatch;

    public override void Add(MemberRuntime member)
    {
        var agent = member.Agent;
        member.KeySecondary = agent.IdleSinceTicks;
        _byIdle.Insert(agent.IdleSinceTicks, 0, member.Ordinal);
        for (int i = 0; i < agent.SkillSlots.Length; i++)
        {
            if (!_bySkill.TryGetValue(agent.SkillSlots[i], out var index))
            {
                index = new OrderedIndex(8);
                _bySkill.Add(agent.SkillSlots[i], index);
            }

            index.Insert(-agent.SkillLevels[i], agent.IdleSinceTicks, member.Ordinal);
        }
    }

    public override void Remove(MemberRuntime member)
    {
        var agent = member.Agent;
        _byIdle.Remove(member.KeySecondary, 0, member.Ordinal);
        for (int i = 0; i < agent.SkillSlots.Length; i++)
        {
            _bySkill[agent.SkillSlots[i]].Remove(-agent.SkillLevels[i], member.KeySecondary, member.Ordinal);
        }
    }

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        var members = Queue.Members;
        if (contact.RequiredSkills.Length == 0)
        {
            if (!_byIdle.First(out var e))
            {
                return null;
            }

            do
            {
                if (filter.IsEligible(members[e.Value], contact))
                {
                    return members[e.Value];
                }
            }
            while (_byIdle.After(e, out e));
            return null;
        }

        if (!_bySkill.TryGetValue(contact.RequiredSkills[0], out var index) || !index.First(out var entry))
        {
            return null;
        }

        long floor = -Math.Max(1, contact.RequiredLevels[0] - contact.Relax);
        do
        {
            if (entry.Primary > floor)
            {
                return null; // every further member is below the minimum level
            }

            if (filter.IsEligible(members[entry.Value], contact))
            {
                return members[entry.Value];
            }
        }
        while (index.After(entry, out entry));
        return null;
    }
}
