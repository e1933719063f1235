using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>mod_callcenter sequentially-by-agent-order: by tier level, then position within the level.</summary>
internal sealed class SequentialByAgentOrderStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.SequentialByAgentOrder;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Level, member.Position);
}
