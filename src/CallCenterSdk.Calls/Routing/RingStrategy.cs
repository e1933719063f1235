namespace CallCenterSdk.Calls.Routing;

/// <summary>How a target list is rung.</summary>
public enum RingStrategy
{
    /// <summary>Ring every target at once; the first to answer wins and the others are cancelled (ring-all).</summary>
    Parallel,

    /// <summary>Ring one target after another, each for its ring timeout (hunt group, follow-me).</summary>
    Sequential,
}
