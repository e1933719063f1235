namespace CallCenterSdk.Acd;

/// <summary>What happened to a contact presented with <see cref="AcdEngine.Enqueue"/>.</summary>
public enum EnqueueOutcome
{
    /// <summary>Waiting in the queue.</summary>
    Queued = 0,

    /// <summary>Offered to one or more agents at once.</summary>
    Offered = 1,

    /// <summary>Sent to an overflow target (see <see cref="EnqueueResult.Target"/>).</summary>
    Overflowed = 2,
}
