using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// Picks an agent among a queue's available members. The engine adds a member when it can take a
/// contact of the queue's channel and removes it otherwise; <see cref="Select"/> returns the best
/// eligible member without changing anything (so it can also answer "is anyone eligible?").
/// </summary>
internal abstract class AgentSelectionStrategy
{
    protected AgentSelectionStrategy(QueueRuntime queue) => Queue = queue;

    public abstract RoutingStrategyKind Kind { get; }

    /// <summary>Offer to every eligible agent at once (ring-all).</summary>
    public virtual bool OffersToAll => false;

    /// <summary>Keep adding agents on a timer while ringing (ring-progressively).</summary>
    public virtual bool OffersProgressively => false;

    protected QueueRuntime Queue { get; }

    public abstract void Add(MemberRuntime member);

    public abstract void Remove(MemberRuntime member);

    public abstract MemberRuntime? Select(ContactRuntime contact, IMemberFilter filter);

    /// <summary>Told when the engine offered a contact to the member (round robin remembers it).</summary>
    public virtual void OnOffered(MemberRuntime member)
    {
    }
}
