using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>The agent who answered the fewest contacts, ties to the longest idle: key (answered, idle since).</summary>
internal sealed class FewestContactsStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.FewestContacts;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Agent.ContactsAnswered, member.Agent.IdleSinceTicks);
}
