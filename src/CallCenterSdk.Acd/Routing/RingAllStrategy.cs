using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>Ring-all: the engine reserves every eligible member (in position order); the first to accept wins.</summary>
internal sealed class RingAllStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.RingAll;

    public override bool OffersToAll => true;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Position, 0);
}
