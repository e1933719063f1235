using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Random weighted by penalty: weight = 1 / (1 + penalty), so a penalty-0 member is twice as likely
/// as a penalty-1 member. Weights of available members live in a Fenwick tree: one draw is O(log n). A
/// decision makes up to <see cref="Draws"/> draws and takes the first eligible member: O(log n) when most
/// available members are eligible. When every draw misses, it samples among the eligible members by weight
/// in one pass over the available ones (weighted reservoir sampling over a dense array): O(a) for a
/// available members, the worst case. Both phases draw with probability proportional to weight among the
/// eligible members, so the choice is exactly weighted.
/// </summary>
internal sealed class WeightedRandomStrategy : AgentSelectionStrategy
{
    /// <summary>Rejection draws before the exact pass.</summary>
    internal const int Draws = 8;

    private const long Scale = 720_720; // divisible by 1..16, so small penalties give exact weights
    private readonly Random _random;
    private long[] _tree = new long[17];
    private long[] _weight = new long[16];
    private long _total;
    private int[] _dense = new int[16];
    private int[] _where = new int[16];
    private int _count;

    public WeightedRandomStrategy(QueueRuntime queue, Random random)
        : base(queue) => _random = random;

    public override RoutingStrategyKind Kind => RoutingStrategyKind.WeightedRandom;

    public static long WeightOf(int penalty) => Scale / (1 + Math.Max(0, penalty));

    public override void Add(MemberRuntime member)
    {
        int ordinal = member.Ordinal;
        Set(ordinal, WeightOf(member.Definition.Penalty));
        if (_count == _dense.Length)
        {
            Array.Resize(ref _dense, _dense.Length * 2);
        }

        if (ordinal >= _where.Length)
        {
            Array.Resize(ref _where, Math.Max(ordinal + 1, _where.Length * 2));
        }

        _where[ordinal] = _count;
        _dense[_count++] = ordinal;
    }

    public override void Remove(MemberRuntime member)
    {
        Set(member.Ordinal, 0);
        int at = _where[member.Ordinal];
        int moved = _dense[--_count];
        _dense[at] = moved;
        _where[moved] = at;
    }

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        if (_total == 0)
        {
            return null;
        }

        var members = Queue.Members;
        for (int draw = 0; draw < Draws; draw++)
        {
            int ordinal = Find(_random.NextInt64(_total));
            if (filter.IsEligible(members[ordinal], contact))
            {
                return members[ordinal];
            }
        }

        // Few eligible members: keep each eligible one with probability weight / (weight of the eligible seen so far).
        MemberRuntime? chosen = null;
        long seen = 0;
        for (int i = 0; i < _count; i++)
        {
            int ordinal = _dense[i];
            var member = members[ordinal];
            if (filter.IsEligible(member, contact))
            {
                seen += _weight[ordinal];
                if (_random.NextInt64(seen) < _weight[ordinal])
                {
                    chosen = member;
                }
            }
        }

        return chosen;
    }

    private void Set(int ordinal, long weight)
    {
        if (ordinal >= _weight.Length)
        {
            int size = Math.Max(ordinal + 1, _weight.Length * 2);
            var old = _weight;
            _weight = new long[size];
            _tree = new long[size + 1];
            _total = 0;
            for (int i = 0; i < old.Length; i++)
            {
                if (old[i] != 0)
                {
                    Set(i, old[i]);
                }
            }
        }

        long delta = weight - _weight[ordinal];
        _weight[ordinal] = weight;
        _total += delta;
        for (int i = ordinal + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += delta;
        }
    }

    /// <summary>The ordinal whose cumulative weight range contains <paramref name="target"/>.</summary>
    private int Find(long target)
    {
        int pos = 0;
        int step = 1;
        while (step * 2 < _tree.Length)
        {
            step *= 2;
        }

        for (; step > 0; step >>= 1)
        {
            int next = pos + step;
            if (next < _tree.Length && _tree[next] <= target)
            {
                pos = next;
                target -= _tree[next];
            }
        }

        return pos; // tree index pos+1 holds it, i.e. ordinal pos
    }
}
