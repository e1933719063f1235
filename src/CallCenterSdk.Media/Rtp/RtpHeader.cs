namespace CallCenterSdk.Media.Rtp;

/// <summary>The per-packet fields a sender chooses (RFC 3550 §5.1); CSRCs and extensions go through <see cref="RtpPacketBuilder"/>.</summary>
/// <param name="PayloadType">The 7-bit payload type.</param>
/// <param name="SequenceNumber">The 16-bit sequence number.</param>
/// <param name="Timestamp">The media timestamp in the payload's clock.</param>
/// <param name="Ssrc">The synchronization source.</param>
/// <param name="Marker">The M bit.</param>
public readonly record struct RtpHeader(byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, bool Marker = false);
