namespace CallCenterSdk.Crm.Cdr;

/// <summary>How a leg ended, in the terms Asterisk's DISPOSITION uses, plus queue abandonment.</summary>
public enum CallDisposition
{
    /// <summary>Answered (has an answer time).</summary>
    Answered,

    /// <summary>Rang out without answer (SIP 408/480/487 after ringing).</summary>
    NoAnswer,

    /// <summary>Callee busy (SIP 486/600, Q.850 cause 17).</summary>
    Busy,

    /// <summary>Failed to set up (SIP 4xx/5xx other than the above).</summary>
    Failed,

    /// <summary>Network or trunk congestion (SIP 503, Q.850 cause 34).</summary>
    Congestion,

    /// <summary>The caller hung up while waiting in a queue.</summary>
    Abandoned,
}
