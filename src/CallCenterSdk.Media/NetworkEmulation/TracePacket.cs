namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>
/// One RTP packet of an arrival trace: what the sender stamped on it and when (if ever) it reached the receiver.
/// Times are milliseconds on the receiver's reference clock; the RTP timestamp is in the sender's clock units,
/// so sender clock drift shows as a slowly changing ratio between the two.
/// </summary>
/// <param name="Sequence">Extended (never wrapping) RTP sequence number.</param>
/// <param name="Timestamp">Extended (never wrapping) RTP timestamp of the first sample, in clock-rate units.</param>
/// <param name="SendTimeMs">When the packet left the sender, in milliseconds.</param>
/// <param name="ArrivalTimeMs">When it arrived, in milliseconds, or <see cref="double.NaN"/> when it was lost.</param>
/// <param name="Marker">The RTP marker bit: the first packet of a talk spurt (RFC 3551 §4.1).</param>
/// <param name="IsComfortNoise">True for a comfort-noise (SID) packet sent at the start of, and during, silence (RFC 3389).</param>
public readonly record struct TracePacket(long Sequence, long Timestamp, double SendTimeMs, double ArrivalTimeMs, bool Marker = false, bool IsComfortNoise = false)
{
    /// <summary>True when the packet never arrived.</summary>
    public bool IsLost => double.IsNaN(ArrivalTimeMs);

    /// <summary>Network delay (arrival minus send) in milliseconds; NaN when lost.</summary>
    public double NetworkDelayMs => ArrivalTimeMs - SendTimeMs;
}
