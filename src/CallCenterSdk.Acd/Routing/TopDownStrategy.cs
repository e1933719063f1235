using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>Fixed order (Asterisk linear, mod_callcenter top-down): always the lowest position first, for every contact.</summary>
internal sealed class TopDownStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.TopDown;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Position, 0);
}
