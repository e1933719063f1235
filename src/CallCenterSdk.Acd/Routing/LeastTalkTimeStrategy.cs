using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>The agent with the least accumulated talk time, ties to the longest idle: key (talk ticks, idle since).</summary>
internal sealed class LeastTalkTimeStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.LeastTalkTime;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Agent.TalkTicks, member.Agent.IdleSinceTicks);
}
