namespace CallCenterSdk.Ivr.Flow;

/// <summary>One event of a flow execution.</summary>
/// <param name="At">When, from the engine's <see cref="TimeProvider"/>.</param>
/// <param name="FlowId">The flow (or sub-flow) running.</param>
/// <param name="NodeId">The node running, or null between nodes.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Specifics (the digit, the branch, the error).</param>
public sealed record FlowTraceEntry(DateTimeOffset At, string FlowId, string? NodeId, FlowTraceKind Kind, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{At:HH:mm:ss.fff} {FlowId}/{NodeId} {Kind} {Detail}";
}
