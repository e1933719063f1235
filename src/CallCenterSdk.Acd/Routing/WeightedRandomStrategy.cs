using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Random weighted by penalty: weight = 1 / (1 + penalty), so a penalty-0 member is twice as likely
/// as a penalty-1 member. Weights of available members live in a Fenwick tree: O(log n) to draw.
/// Ineligible draws are retried a few times, then the members are walked in order from the draw.
/// </summary>
internal sealed class WeightedRandomStrategy : AgentSelectionStrategy
{
    private const long Scale = 720_720; // divisible by 1..16, so small penalties give exact weights
    private const int Retries = 8;
    private readonly Random _random;
    private long[] _tree = new long[17];
    private long[] _weight = new long[16];
    private long _total;

    public WeightedRandomStrategy(QueueRuntime queue, Random random)
        : base(queue) => _random = random;

    public override RoutingStrategyKind Kind => RoutingStrategyKind.WeightedRandom;

    public static long WeightOf(int penalty) => Scale / (1 + Math.Max(0, penalty));

    public override void Add(MemberRuntime member) => Set(member.Ordinal, WeightOf(member.Definition.Penalty));

    public override void Remove(MemberRuntime member) => Set(member.Ordinal, 0);

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        if (_total == 0)
        {
            return null;
        }

        var members = Queue.Members;
        int ordinal = 0;
        for (int attempt = 0; attempt < Retries; attempt++)
        {
            ordinal = Find(_random.NextInt64(_total));
            if (filter.IsEligible(members[ordinal], contact))
            {
                return members[ordinal];
            }
        }

        // Many ineligible members: walk every available one from the last draw.
        int n = Math.Min(members.Count, _weight.Length);
        for (int i = 1; i <= n; i++)
        {
            int o = (ordinal + i) % n;
            if (_weight[o] > 0 && filter.IsEligible(members[o], contact))
            {
                return members[o];
            }
        }

        return null;
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
