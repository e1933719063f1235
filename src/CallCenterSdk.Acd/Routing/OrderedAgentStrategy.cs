using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// A strategy that ranks available members by a key: the first eligible member in key order wins.
/// Members sit in one index for the whole queue and in one per skill they hold, under the same key. A
/// contact that requires skills walks the index of its required skill with the fewest available members
/// (every eligible member holds every required skill, so nobody is missed), else the whole queue.
/// O(1) to the first entry (cached), plus O(log n) per ineligible member skipped: O((k + 1) log n), where k
/// counts only members ahead of the chosen one that hold that skill yet fail another requirement (a level
/// below the minimum, another skill, a delay, a sticky agent). k = 0 when every member of the walked index
/// qualifies; a contact that almost nobody in it qualifies for walks the whole index, O(n log n). Adding or
/// removing a member costs O((s + 1) log n) for its s skills.
/// </summary>
internal abstract class OrderedAgentStrategy : AgentSelectionStrategy
{
    private static readonly OrderedIndex Nobody = new(4); // never written: the index of a skill no available member holds
    private readonly Dictionary<int, OrderedIndex> _bySkill = [];

    protected OrderedAgentStrategy(QueueRuntime queue)
        : base(queue)
    {
    }

    protected OrderedIndex Index { get; } = new(64);

    /// <summary>The ranking key of a member at the moment it becomes available (smaller is better).</summary>
    protected abstract (long Primary, long Secondary) KeyOf(MemberRuntime member);

    public override void Add(MemberRuntime member)
    {
        var (p, s) = KeyOf(member);
        member.KeyPrimary = p;
        member.KeySecondary = s;
        Index.Insert(p, s, member.Ordinal);
        foreach (int skill in member.Agent.SkillSlots)
        {
            if (!_bySkill.TryGetValue(skill, out var index))
            {
                index = new OrderedIndex(8);
                _bySkill.Add(skill, index);
            }

            index.Insert(p, s, member.Ordinal);
        }
    }

    public override void Remove(MemberRuntime member)
    {
        Index.Remove(member.KeyPrimary, member.KeySecondary, member.Ordinal);
        foreach (int skill in member.Agent.SkillSlots)
        {
            _bySkill[skill].Remove(member.KeyPrimary, member.KeySecondary, member.Ordinal);
        }
    }

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        var index = IndexFor(contact);
        return index.First(out var entry) ? Scan(index, entry, contact, filter, stopBefore: null) : null;
    }

    /// <summary>The smallest index holding every member that may be eligible for the contact.</summary>
    protected OrderedIndex IndexFor(ContactRuntime contact)
    {
        var index = Index;
        foreach (int skill in contact.RequiredSkills)
        {
            if (!_bySkill.TryGetValue(skill, out var bySkill))
            {
                return Nobody;
            }

            if (bySkill.Count < index.Count)
            {
                index = bySkill;
            }
        }

        return index;
    }

    /// <summary>Walks <paramref name="index"/> in key order from <paramref name="entry"/> to the first eligible member.</summary>
    protected MemberRuntime? Scan(OrderedIndex index, OrderedIndex.Entry entry, ContactRuntime contact, IMemberFilter filter, OrderedIndex.Entry? stopBefore)
    {
        var members = Queue.Members;
        while (true)
        {
            if (stopBefore is { } stop && (entry.Primary, entry.Secondary, entry.Value).CompareTo((stop.Primary, stop.Secondary, stop.Value)) >= 0)
            {
                return null;
            }

            var member = members[entry.Value];
            if (filter.IsEligible(member, contact))
            {
                return member;
            }

            if (!index.After(entry, out entry))
            {
                return null;
            }
        }
    }
}
