using CallCenterSdk.Media.Rtcp;

namespace CallCenterSdk.Media.Rtp;

/// <summary>What a session knows about one remote synchronization source.</summary>
public sealed class RtpRemoteSource
{
    internal RtpRemoteSource(uint ssrc, int clockRate, TimeSpan now)
    {
        Ssrc = ssrc;
        Statistics = new RtpReceiveStatistics(clockRate);
        LastHeard = now;
    }

    /// <summary>The source's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>The CNAME from its SDES, once received.</summary>
    public string? CanonicalName { get; internal set; }

    internal byte[]? CanonicalNameBytes { get; set; }

    /// <summary>RFC 3550 Appendix A receive statistics of its RTP.</summary>
    public RtpReceiveStatistics Statistics { get; }

    /// <summary>The last time an RTP or RTCP packet came from it (session time).</summary>
    public TimeSpan LastHeard { get; internal set; }

    /// <summary>The last time it sent RTP (session time), or null.</summary>
    public TimeSpan? LastRtp { get; internal set; }

    /// <summary>The middle 32 bits of the NTP timestamp of its last SR (our LSR for it), 0 if none.</summary>
    public uint LastSenderReportNtp { get; internal set; }

    /// <summary>When its last SR arrived (session time), for DLSR.</summary>
    public TimeSpan LastSenderReportArrival { get; internal set; }

    /// <summary>The sender info of its last SR, if any.</summary>
    public RtcpSenderInfo? LastSenderInfo { get; internal set; }

    /// <summary>Its last report block about our stream: how it hears us.</summary>
    public RtcpReportBlock? ReportAboutUs { get; internal set; }

    /// <summary>Round-trip time computed from its report block (RFC 3550 §6.4.1: A - LSR - DLSR).</summary>
    public TimeSpan? RoundTripTime { get; internal set; }
}
