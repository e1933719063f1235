using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Round robin with memory (Asterisk rrmemory): the first eligible member after the position of the
/// last one offered, wrapping around. O(log n) to find the start, then the walk of <see cref="OrderedAgentStrategy"/>.
/// </summary>
internal sealed class RoundRobinStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    private long _lastPosition = long.MinValue;
    private int _lastOrdinal = int.MaxValue;

    public override RoutingStrategyKind Kind => RoutingStrategyKind.RoundRobin;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Position, 0);

    public override MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter)
    {
        // Start just after the remembered member, then wrap to the beginning.
        var index = IndexFor(contact);
        var last = new OrderedIndex.Entry(_lastPosition, 0, _lastOrdinal);
        if (_lastOrdinal != int.MaxValue && index.After(last, out var entry))
        {
            var found = Scan(index, entry, contact, filter, stopBefore: null);
            if (found is not null)
            {
                return found;
            }
        }

        if (!index.First(out var first))
        {
            return null;
        }

        return _lastOrdinal == int.MaxValue
            ? Scan(index, first, contact, filter, stopBefore: null)
            : Scan(index, first, contact, filter, stopBefore: index.After(last, out var bound) ? bound : null);
    }

    public override void OnOffered(MemberRuntime member)
    {
        _lastPosition = member.Position;
        _lastOrdinal = member.Ordinal;
    }
}
