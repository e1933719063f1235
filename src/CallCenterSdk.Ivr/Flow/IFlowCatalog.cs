namespace CallCenterSdk.Ivr.Flow;

/// <summary>Finds flows by id, for sub-flow steps.</summary>
public interface IFlowCatalog
{
    /// <summary>Looks up a flow by id.</summary>
    bool TryGetFlow(string flowId, out IvrFlow flow);
}
