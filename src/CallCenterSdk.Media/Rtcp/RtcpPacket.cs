using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>
/// One packet of an RTCP compound, viewed in place (RFC 3550 §6.4-§6.6). Obtained from
/// <see cref="RtcpCompoundPacket"/>, which has validated its structure, so the typed views never fail.
/// </summary>
public readonly ref struct RtcpPacket
{
    private readonly ReadOnlySpan<byte> _packet;

    internal RtcpPacket(ReadOnlySpan<byte> packet) => _packet = packet;

    /// <summary>The packet type (200 SR, 201 RR, 202 SDES, 203 BYE, ...).</summary>
    public RtcpPacketType PacketType => (RtcpPacketType)_packet[1];

    /// <summary>The 5-bit count field: report blocks (SR/RR), chunks (SDES) or sources (BYE).</summary>
    public int Count => _packet[0] & 0x1F;

    /// <summary>True when this packet ends with padding (only the last of a compound may).</summary>
    public bool HasPadding => (_packet[0] & 0x20) != 0;

    /// <summary>The whole packet including header and padding.</summary>
    public ReadOnlySpan<byte> Bytes => _packet;

    /// <summary>The bytes after the 4-byte header, without padding.</summary>
    public ReadOnlySpan<byte> Body => _packet[4..(_packet.Length - (HasPadding ? _packet[^1] : 0))];

    /// <summary>The SSRC of the sender (first word of the body) for SR, RR and feedback packets.</summary>
    public uint SenderSsrc => Body.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Body) : 0;

    /// <summary>Views this packet as a sender report; throws when it is another type.</summary>
    public RtcpSenderReport AsSenderReport() => PacketType == RtcpPacketType.SenderReport ? new(Body, Count) : throw WrongType(RtcpPacketType.SenderReport);

    /// <summary>Views this packet as a receiver report; throws when it is another type.</summary>
    public RtcpReceiverReport AsReceiverReport() => PacketType == RtcpPacketType.ReceiverReport ? new(Body, Count) : throw WrongType(RtcpPacketType.ReceiverReport);

    /// <summary>Views this packet as a source description; throws when it is another type.</summary>
    public RtcpSourceDescription AsSourceDescription() => PacketType == RtcpPacketType.SourceDescription ? new(Body, Count) : throw WrongType(RtcpPacketType.SourceDescription);

    /// <summary>Views this packet as a goodbye; throws when it is another type.</summary>
    public RtcpGoodbye AsGoodbye() => PacketType == RtcpPacketType.Goodbye ? new(Body, Count) : throw WrongType(RtcpPacketType.Goodbye);

    private InvalidOperationException WrongType(RtcpPacketType wanted) =>
        new(FormattableString.Invariant($"The RTCP packet is {(int)PacketType}, not {wanted}."));
}
