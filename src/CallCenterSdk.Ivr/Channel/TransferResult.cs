namespace CallCenterSdk.Ivr.Channel;

/// <summary>How a transfer ended.</summary>
public enum TransferOutcome
{
    /// <summary>The far end answered; the caller has left the IVR.</summary>
    Completed,
    /// <summary>The far end was busy (486/600).</summary>
    Busy,
    /// <summary>No answer within the ring timeout.</summary>
    NoAnswer,
    /// <summary>The far end refused (403/603) or the target does not exist (404).</summary>
    Rejected,
    /// <summary>Any other failure (network, 5xx).</summary>
    Failed,
}

/// <summary>The result of <see cref="ICallChannel.TransferAsync"/>.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">Optional detail such as the SIP status line.</param>
public sealed record TransferResult(TransferOutcome Outcome, string? Detail = null)
{
    /// <summary>True when the caller left the IVR.</summary>
    public bool Succeeded => Outcome == TransferOutcome.Completed;
}
