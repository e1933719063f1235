namespace CallCenterSdk.Hosting.Calls;

/// <summary>Where call control reports <see cref="CallEvent"/>s; the host pushes them to the tenant's SignalR group.</summary>
public interface ICallEventPublisher
{
    /// <summary>Queues the event for delivery (never blocks, never throws for a full queue).</summary>
    void Publish(CallEvent callEvent);
}
