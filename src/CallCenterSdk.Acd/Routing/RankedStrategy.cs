using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// <see cref="MemberRanking.LevelThenPenalty"/>: one inner strategy per member rank (tier level, then
/// penalty), asked in rank order until one has an eligible member, so a lower-penalty member always wins
/// over a higher one and the strategy only orders members of equal rank. A queue has a handful of ranks
/// (g), so a decision costs the inner strategy's cost plus O(g) for the ranks with nobody eligible.
/// </summary>
internal sealed class RankedStrategy : AgentSelectionStrategy
{
    private readonly Func<AgentSelectionStrategy> _create;
    private long[] _ranks = new long[2];
    private AgentSelectionStrategy[] _groups = new AgentSelectionStrategy[2];
    private int _count;

    public RankedStrategy(QueueRuntime queue, RoutingStrategyKind kind, Func<AgentSelectionStrategy> create)
        : base(queue)
    {
        Kind = kind;
        _create = create;
    }

    public override RoutingStrategyKind Kind { get; }

    public override bool OffersToAll => Kind == RoutingStrategyKind.RingAll;

    public override bool OffersProgressively => Kind == RoutingStrategyKind.RingProgressively;

    /// <summary>Rank groups created so far (for tests).</summary>
    internal int Groups => _count;

    public override void Add(MemberRuntime member)
    {
        var group = member.RankGroup ??= GroupFor(member.Rank);
        group.Add(member);
    }

    public override void Remove(MemberRuntime member) => member.RankGroup!.Remove(member);

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        for (int i = 0; i < _count; i++)
        {
            var member = _groups[i].Select(contact, filter);
            if (member is not null)
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Every rank hears of every offer: round robin keeps one memory across ranks, as Asterisk's rrmemory does.</summary>
    public override void OnOffered(MemberRuntime member)
    {
        for (int i = 0; i < _count; i++)
        {
            _groups[i].OnOffered(member);
        }
    }

    /// <summary>The group of a rank, created the first time a member of that rank becomes available.</summary>
    private AgentSelectionStrategy GroupFor(long rank)
    {
        int at = Array.BinarySearch(_ranks, 0, _count, rank);
        if (at >= 0)
        {
            return _groups[at];
        }

        at = ~at;
        if (_count == _ranks.Length)
        {
            Array.Resize(ref _ranks, _count * 2);
            Array.Resize(ref _groups, _count * 2);
        }

        Array.Copy(_ranks, at, _ranks, at + 1, _count - at);
        Array.Copy(_groups, at, _groups, at + 1, _count - at);
        _ranks[at] = rank;
        _groups[at] = _create();
        _count++;
        return _groups[at];
    }
}
