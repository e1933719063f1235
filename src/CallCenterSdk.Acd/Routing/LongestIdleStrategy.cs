using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>The agent idle the longest: key (idle since, position). Default strategy.</summary>
internal sealed class LongestIdleStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.LongestIdle;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Agent.IdleSinceTicks, member.Position);
}
