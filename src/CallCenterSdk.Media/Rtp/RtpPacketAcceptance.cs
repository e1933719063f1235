namespace CallCenterSdk.Media.Rtp;

/// <summary>What RFC 3550 Appendix A.1 sequence tracking decided about one packet.</summary>
public enum RtpPacketAcceptance
{
    /// <summary>The packet is in sequence (or a tolerated jump) and counts as received.</summary>
    Accepted = 0,

    /// <summary>A late packet (reordered or duplicate) within the misorder window: counted, not a new maximum.</summary>
    AcceptedLate,

    /// <summary>The source is still on probation (not yet <c>MIN_SEQUENTIAL</c> packets in sequence).</summary>
    Probation,

    /// <summary>A very large jump: held back until the next packet confirms the sender restarted.</summary>
    BadSequence,

    /// <summary>The packet confirmed a jump and statistics restarted from it (the sender restarted).</summary>
    Restarted,
}
