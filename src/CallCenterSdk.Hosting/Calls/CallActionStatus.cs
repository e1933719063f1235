namespace CallCenterSdk.Hosting.Calls;

/// <summary>Outcome of a call action; the REST API maps it to an HTTP status.</summary>
public enum CallActionStatus
{
    /// <summary>Done (202 Accepted: progress comes as call events).</summary>
    Accepted,

    /// <summary>No such call for this actor (404).</summary>
    NotFound,

    /// <summary>The call is not in a state that allows the action (409).</summary>
    Conflict,

    /// <summary>The target or number is not acceptable (400).</summary>
    Invalid,

    /// <summary>No call-control implementation is registered (501).</summary>
    NotImplemented,

    /// <summary>The device that had to carry the action out (an agent's phone) refused it or did not answer (502).</summary>
    PeerFailed,
}
