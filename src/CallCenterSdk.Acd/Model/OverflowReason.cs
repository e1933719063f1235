namespace CallCenterSdk.Acd;

/// <summary>Which limit sent a contact to overflow.</summary>
public enum OverflowReason
{
    /// <summary>No overflow.</summary>
    None = 0,

    /// <summary>The queue was at its maximum length.</summary>
    QueueFull = 1,

    /// <summary>The contact waited the maximum wait.</summary>
    MaxWait = 2,

    /// <summary>No agent logged in (join-empty rule or maximum wait with no agent).</summary>
    NoAgent = 3,

    /// <summary>The last agent left the queue (leave-when-empty).</summary>
    LeaveWhenEmpty = 4,
}
