using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Uniformly random among eligible available members. Available members sit in a dense array
/// (swap-remove), a random start is drawn and the array is walked cyclically from there, so the
/// choice is O(1) expected when most members are eligible.
/// </summary>
internal sealed class RandomStrategy : AgentSelectionStrategy
{
    private readonly Random _random;
    private int[] _dense = new int[16];
    private int[] _where = new int[16];
    private int _count;

    public RandomStrategy(QueueRuntime queue, Random random)
        : base(queue) => _random = random;

    public override RoutingStrategyKind Kind => RoutingStrategyKind.Random;

    public override void Add(MemberRuntime member)
    {
        int ordinal = member.Ordinal;
        if (ordinal >= _where.Length)
        {
            Array.Resize(ref _where, Math.Max(ordinal + 1, _where.Length * 2));
        }

        if (_count == _dense.Length)
        {
            Array.Resize(ref _dense, _dense.Length * 2);
        }

        _where[ordinal] = _count;
        _dense[_count++] = ordinal;
    }

    public override void Remove(MemberRuntime member)
    {
        int at = _where[member.Ordinal];
        int moved = _dense[--_count];
        _dense[at] = moved;
        _where[moved] = at;
    }

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        if (_count == 0)
        {
            return null;
        }

        int start = _random.Next(_count);
        var members = Queue.Members;
        for (int i = 0; i < _count; i++)
        {
            var member = members[_dense[(start + i) % _count]];
            if (filter.IsEligible(member, contact))
            {
                return member;
            }
        }

        return null;
    }
}
