namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// The ordered record of one call's path through its flows: nodes visited, prompts, digits, branches and
/// errors, for reports and debugging. Safe to append from the channel's event thread.
/// </summary>
public sealed class FlowTrace
{
    private readonly List<FlowTraceEntry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>A copy of the entries so far.</summary>
    public IReadOnlyList<FlowTraceEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The ids of visited nodes, in order, as "flow/node".</summary>
    public IReadOnlyList<string> VisitedNodes =>
        Entries.Where(e => e.Kind == FlowTraceKind.Enter).Select(e => $"{e.FlowId}/{e.NodeId}").ToList();

    /// <summary>The values accepted as input, in order.</summary>
    public IReadOnlyList<string> Inputs =>
        Entries.Where(e => e.Kind == FlowTraceKind.Input).Select(e => e.Detail).ToList();

    internal void Add(FlowTraceEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Entries);
}
