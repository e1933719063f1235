namespace CallCenterSdk.Media.Rtcp;

/// <summary>Why a datagram was rejected as an RTCP compound packet (RFC 3550 §6.1 and Appendix A.2).</summary>
public enum RtcpParseFailure
{
    /// <summary>The compound packet is valid.</summary>
    None = 0,

    /// <summary>Empty, or shorter than the header or body it announces.</summary>
    TooShort,

    /// <summary>A packet's version field is not 2.</summary>
    UnsupportedVersion,

    /// <summary>A packet's length field runs past the end of the datagram.</summary>
    LengthExceedsDatagram,

    /// <summary>The datagram length is not a multiple of four octets.</summary>
    NotWordAligned,

    /// <summary>A.2: the first packet of a compound must be SR or RR.</summary>
    FirstPacketNotReport,

    /// <summary>A.2: only the last packet of a compound may carry padding.</summary>
    PaddingNotLast,

    /// <summary>The padding count is zero or larger than the packet.</summary>
    InvalidPadding,

    /// <summary>An SR or RR is shorter than its sender info and report blocks.</summary>
    ReportTruncated,

    /// <summary>An SDES chunk or item runs past the end of its packet, or lacks its terminating null item.</summary>
    SourceDescriptionTruncated,

    /// <summary>A BYE's source list or reason runs past the end of its packet.</summary>
    GoodbyeTruncated,
}
