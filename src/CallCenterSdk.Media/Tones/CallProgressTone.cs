namespace CallCenterSdk.Media.Tones;

/// <summary>The call-progress tones a caller hears (ITU-T E.180 names them and lists national variants).</summary>
public enum CallProgressTone
{
    /// <summary>Ready to dial.</summary>
    Dial,

    /// <summary>The far end is being alerted (ringing).</summary>
    Ringback,

    /// <summary>The called party is busy.</summary>
    Busy,

    /// <summary>The network is congested (reorder, fast busy).</summary>
    Congestion,

    /// <summary>Another call is waiting.</summary>
    CallWaiting,
}
