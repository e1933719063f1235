using System.Collections.Concurrent;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>An in-memory <see cref="IFlowCatalog"/>; adding a flow with the same id replaces it (hot reload).</summary>
public sealed class FlowCatalog : IFlowCatalog
{
    private readonly ConcurrentDictionary<string, IvrFlow> _flows = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces <paramref name="flow"/>.</summary>
    public FlowCatalog Add(IvrFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _flows[flow.Id] = flow;
        return this;
    }

    /// <inheritdoc />
    public bool TryGetFlow(string flowId, out IvrFlow flow) => _flows.TryGetValue(flowId, out flow!);
}
