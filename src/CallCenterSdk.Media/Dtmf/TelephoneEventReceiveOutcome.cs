namespace CallCenterSdk.Media.Dtmf;

/// <summary>What a <see cref="TelephoneEventReceiver"/> made of one packet.</summary>
public enum TelephoneEventReceiveOutcome
{
    /// <summary>A new event began (the Started event was raised; Ended too if the packet already had the E bit).</summary>
    Started = 0,

    /// <summary>A duration update of the current event.</summary>
    Updated,

    /// <summary>The first end packet of the current event (Ended raised).</summary>
    Ended,

    /// <summary>A retransmitted end packet, or an update of an event already ended: ignored.</summary>
    Duplicate,

    /// <summary>A packet of an event older than the current one: ignored.</summary>
    Stale,

    /// <summary>The payload is shorter than 4 octets: ignored.</summary>
    Malformed,
}
