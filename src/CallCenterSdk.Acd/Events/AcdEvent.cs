namespace CallCenterSdk.Acd;

/// <summary>
/// One thing that happened in the ACD. A flat value (no allocation to raise) shaped for a CDR row and
/// a queue_log line: time, tenant, queue, contact, agent, verb, reason and durations.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">When (from the engine's <see cref="TimeProvider"/>).</param>
/// <param name="Tenant">Tenant.</param>
/// <param name="Queue">Queue concerned, if any.</param>
/// <param name="Contact">Contact concerned, if any.</param>
/// <param name="Agent">Agent concerned, if any.</param>
/// <param name="Reason">Reason code (not-ready reason, overflow reason, "busy", "hold", ...).</param>
/// <param name="Wait">Wait in queue (answered, abandoned, overflowed) or ring time (timed out).</param>
/// <param name="Talk">Talk time, hold excluded (released, completed, transferred).</param>
/// <param name="Hold">Hold time (released, completed, transferred).</param>
/// <param name="WrapUp">Wrap-up time (completed).</param>
/// <param name="FromState">Previous agent state (agent state changed).</param>
/// <param name="ToState">New agent state (agent state changed).</param>
/// <param name="StateDuration">Time spent in <paramref name="FromState"/> (agent state changed).</param>
/// <param name="Target">Overflow target or transfer queue.</param>
/// <param name="ExternalId">The host's reference for the contact.</param>
/// <param name="Position">Queue position (1-based) when queued.</param>
/// <param name="ServiceLevelThreshold">
/// The queue's <see cref="QueueDefinition.ServiceLevelThreshold"/> T (queued, accepted, answered, abandoned and
/// overflowed events; null on the others), so statistics use each queue's own threshold without configuration.
/// </param>
/// <param name="ShortAbandonThreshold">The queue's <see cref="QueueDefinition.ShortAbandonThreshold"/> (the same events).</param>
public readonly record struct AcdEvent(
    AcdEventKind Kind,
    DateTimeOffset Time,
    TenantId Tenant,
    QueueId? Queue,
    ContactId? Contact,
    AgentId? Agent,
    string? Reason,
    TimeSpan Wait,
    TimeSpan Talk,
    TimeSpan Hold,
    TimeSpan WrapUp,
    AgentState FromState,
    AgentState ToState,
    TimeSpan StateDuration,
    OverflowTarget? Target,
    string? ExternalId,
    int Position,
    TimeSpan? ServiceLevelThreshold = null,
    TimeSpan? ShortAbandonThreshold = null);
