namespace CallCenterSdk.Calls.Routing;

/// <summary>How ringing one target, or a whole plan, ended.</summary>
public enum RingOutcome
{
    /// <summary>Answered.</summary>
    Answered,

    /// <summary>Busy (486 Busy Here, 600 Busy Everywhere).</summary>
    Busy,

    /// <summary>Rang without answer until its timeout (or the plan's), then was cancelled.</summary>
    NoAnswer,

    /// <summary>Refused (603 Decline, 403, 488 and other final refusals).</summary>
    Rejected,

    /// <summary>Not reachable: no response, 404, 408, 480, 5xx, or the INVITE could not be sent.</summary>
    Unreachable,

    /// <summary>The caller hung up while the targets rang.</summary>
    CallerHungUp,

    /// <summary>Another target answered first, or the application cancelled the attempt.</summary>
    Cancelled,
}
