namespace CallCenterSdk.Media.Rtp;

/// <summary>What an <see cref="RtpSession"/> did with one received RTP datagram.</summary>
public enum RtpReceiveOutcome
{
    /// <summary>Valid, in sequence: play it.</summary>
    Accepted = 0,

    /// <summary>Valid but late (reordered or duplicate): hand it to the jitter buffer, which decides.</summary>
    AcceptedLate,

    /// <summary>The sequence restarted (RFC 3550 A.1) and statistics began again from this packet: play it.</summary>
    Restarted,

    /// <summary>A new source still on probation (A.1): not yet played.</summary>
    Probation,

    /// <summary>A sequence jump waiting for confirmation (A.1 bad_seq): not played.</summary>
    BadSequence,

    /// <summary>Not a valid RTP packet: see the parse failure.</summary>
    Invalid,

    /// <summary>From an address other than the latched one, which is still active (symmetric RTP): dropped.</summary>
    WrongSource,

    /// <summary>Carried our own SSRC from another address: we chose a new SSRC and will send BYE for the old (RFC 3550 §8.2).</summary>
    SsrcCollision,

    /// <summary>Our own SSRC again from an address already seen colliding: a forwarding loop (§8.2), dropped.</summary>
    Loop,

    /// <summary>A new SSRC when <see cref="RtpSessionOptions.MaxRemoteSources"/> are already tracked: dropped.</summary>
    TooManySources,
}
