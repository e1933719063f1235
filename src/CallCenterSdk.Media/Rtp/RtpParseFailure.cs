namespace CallCenterSdk.Media.Rtp;

/// <summary>Why a datagram was rejected as an RTP packet (RFC 3550 §5.1, RFC 8285, RFC 5761 §4).</summary>
public enum RtpParseFailure
{
    /// <summary>The packet is valid.</summary>
    None = 0,

    /// <summary>Shorter than the 12-byte fixed header.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    UnsupportedVersion,

    /// <summary>The payload type is 72-76, which RFC 3551 §6 and RFC 5761 §4 reserve so RTP never looks like RTCP.</summary>
    ReservedPayloadType,

    /// <summary>The CSRC list announced by the CC field runs past the end of the datagram.</summary>
    CsrcListTruncated,

    /// <summary>The X bit is set but the 4-byte extension header does not fit.</summary>
    ExtensionHeaderTruncated,

    /// <summary>The extension length (in 32-bit words) runs past the end of the datagram.</summary>
    ExtensionTruncated,

    /// <summary>An RFC 8285 extension element runs past the end of the extension block.</summary>
    ExtensionElementTruncated,

    /// <summary>The P bit is set but the padding count in the last octet is zero.</summary>
    PaddingCountZero,

    /// <summary>The padding count is larger than the bytes left after the header.</summary>
    PaddingExceedsPacket,
}
