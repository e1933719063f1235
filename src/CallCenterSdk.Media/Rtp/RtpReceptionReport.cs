namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// The figures of one RTCP report block for a source, computed as RFC 3550 Appendix A.3 and A.8 do.
/// </summary>
/// <param name="FractionLost">Packets lost since the previous report, as a fixed-point fraction of 256.</param>
/// <param name="CumulativeLost">Expected minus received since the start, clamped to 24-bit signed (may be negative with duplicates).</param>
/// <param name="ExtendedHighestSequence">Sequence-number cycles in the high 16 bits, highest sequence number in the low 16.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units (A.8 estimator, already divided by 16).</param>
public readonly record struct RtpReceptionReport(byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter);
