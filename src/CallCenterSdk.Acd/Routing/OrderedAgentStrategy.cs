using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// A strategy that ranks available members by a key: the first eligible member in key order wins.
/// O(1) to the first entry (cached), plus O(log n) per ineligible member skipped: O((k + 1) log n) for k
/// available members ahead of the chosen one that this contact cannot take. k = 0 when every available
/// member qualifies; a contact that almost nobody qualifies for walks the whole index, O(n log n).
/// </summary>
internal abstract class OrderedAgentStrategy : AgentSelectionStrategy
{
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
    }

    public override void Remove(MemberRuntime member) => Index.Remove(member.KeyPrimary, member.KeySecondary, member.Ordinal);

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        if (!Index.First(out var entry))
        {
            return null;
        }

        return Scan(entry, contact, filter, stopBefore: null);
    }

    /// <summary>Walks in key order from <paramref name="entry"/> to the first eligible member.</summary>
    protected MemberRuntime? Scan(OrderedIndex.Entry entry, ContactRuntime contact, IMemberFilter filter, OrderedIndex.Entry? stopBefore)
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

            if (!Index.After(entry, out entry))
            {
                return null;
            }
        }
    }
}
