using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Uniformly random among eligible available members. Available members sit in a dense array
/// (swap-remove, O(1) add and remove). A decision draws up to <see cref="Draws"/> members uniformly and
/// takes the first eligible one: O(1) when most available members are eligible (expected 1 / p draws for
/// an eligible share p). When every draw misses, it samples uniformly among the eligible members in one
/// pass over the available ones (reservoir sampling): O(a) for a available members, the worst case. Both
/// phases are uniform over the eligible members, so the choice is exactly uniform.
/// </summary>
internal sealed class RandomStrategy : AgentSelectionStrategy
{
    /// <summary>Rejection draws before the exact pass: misses all 8 with probability (1 - p)^8.</summary>
    internal const int Draws = 8;

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

        var members = Queue.Members;
        for (int draw = 0; draw < Draws; draw++)
        {
            var member = members[_dense[_random.Next(_count)]];
            if (filter.IsEligible(member, contact))
            {
                return member;
            }
        }

        // Few eligible members: keep the i-th eligible one seen with probability 1 / i.
        MemberRuntime? chosen = null;
        int seen = 0;
        for (int i = 0; i < _count; i++)
        {
            var member = members[_dense[i]];
            if (filter.IsEligible(member, contact) && _random.Next(++seen) == 0)
            {
                chosen = member;
            }
        }

        return chosen;
    }
}
