namespace CallCenterSdk.Ivr.Flow;

/// <summary>How a flow execution ended.</summary>
public enum FlowOutcome
{
    /// <summary>The flow reached its end with the caller still on the line.</summary>
    Completed,
    /// <summary>The caller hung up; execution stopped at once.</summary>
    CallerHungUp,
    /// <summary>A hang-up step (or a black-list rule) ended the call.</summary>
    HungUp,
    /// <summary>The caller was transferred out of the IVR.</summary>
    Transferred,
    /// <summary>The host cancelled the execution.</summary>
    Cancelled,
    /// <summary>An error stopped the flow (see <see cref="FlowResult.Error"/>).</summary>
    Failed,
}
