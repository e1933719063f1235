namespace CallCenterSdk.Calls.Transfer;

/// <summary>How a transfer we asked for (REFER) ended.</summary>
public enum TransferOutcome
{
    /// <summary>The transferee reached the target: the final NOTIFY carried a 2xx.</summary>
    Succeeded,

    /// <summary>The REFER itself was refused (403, 405, 501...).</summary>
    Refused,

    /// <summary>The REFER was accepted but reaching the target failed (486, 480, 603... in the final NOTIFY).</summary>
    Failed,

    /// <summary>No final NOTIFY came in time.</summary>
    TimedOut,

    /// <summary>The leg ended before the outcome was known.</summary>
    LegEnded,
}
