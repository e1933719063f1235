using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// mod_callcenter ring-progressively: ring the first member by position, then add the next one every
/// <see cref="QueueDefinition.RingProgressivelyDelay"/> while the earlier ones keep ringing.
/// </summary>
internal sealed class RingProgressivelyStrategy(QueueRuntime queue) : OrderedAgentStrategy(queue)
{
    public override RoutingStrategyKind Kind => RoutingStrategyKind.RingProgressively;

    public override bool OffersProgressively => true;

    protected override (long Primary, long Secondary) KeyOf(MemberRuntime member) => (member.Position, 0);
}
