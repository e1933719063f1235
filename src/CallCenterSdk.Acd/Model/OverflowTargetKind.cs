namespace CallCenterSdk.Acd;

/// <summary>Where a contact goes when a queue limit is hit.</summary>
public enum OverflowTargetKind
{
    /// <summary>Release the contact with a reason (default).</summary>
    HangUp = 0,

    /// <summary>Move it into another queue (keeping its arrival time).</summary>
    Queue = 1,

    /// <summary>Send it to a voicemail box.</summary>
    Voicemail = 2,

    /// <summary>Send it back to an IVR node.</summary>
    Ivr = 3,
}
