using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>The sender information section of a sender report (RFC 3550 §6.4.1).</summary>
/// <param name="NtpTimestamp">The wall-clock time when the report was sent.</param>
/// <param name="RtpTimestamp">The same instant in the media clock.</param>
/// <param name="PacketCount">RTP packets sent since the start (or since an SSRC change).</param>
/// <param name="OctetCount">Payload octets sent (headers and padding excluded).</param>
public readonly record struct RtcpSenderInfo(NtpTimestamp NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>The encoded length: 20 octets.</summary>
    public const int Length = 20;

    internal static RtcpSenderInfo Read(ReadOnlySpan<byte> source) => new(
        new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(source)),
        BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[16..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, NtpTimestamp.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], OctetCount);
    }
}
