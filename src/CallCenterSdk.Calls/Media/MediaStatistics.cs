namespace CallCenterSdk.Calls.Media;

/// <summary>
/// Per-leg receive quality: RFC 3550 statistics of the stream we receive, the round-trip time from RTCP, and an
/// ITU-T G.107 E-model MOS estimate for CDRs.
/// </summary>
/// <param name="PacketsReceived">RTP packets received.</param>
/// <param name="PacketsExpected">Packets the sequence numbers say were sent.</param>
/// <param name="PacketsLost">Cumulative loss (expected minus received, never negative).</param>
/// <param name="JitterMs">Interarrival jitter (RFC 3550 A.8) in ms.</param>
/// <param name="RoundTripMs">Round-trip time from the peer's reports about us, or null before one arrived.</param>
/// <param name="PacketsSent">RTP packets we sent.</param>
/// <param name="Mos">The E-model mean opinion score (1 to 4.5).</param>
/// <param name="Codec">The codec name in use.</param>
public sealed record MediaStatistics(
    long PacketsReceived,
    long PacketsExpected,
    long PacketsLost,
    double JitterMs,
    double? RoundTripMs,
    long PacketsSent,
    double Mos,
    string Codec)
{
    /// <summary>Loss in percent of expected packets.</summary>
    public double LossPercent => PacketsExpected <= 0 ? 0 : 100.0 * PacketsLost / PacketsExpected;
}
