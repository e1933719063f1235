using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1).</summary>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Loss since the previous report, in 1/256.</param>
/// <param name="CumulativeLost">Total lost, a 24-bit signed value (-8388608 to 8388607).</param>
/// <param name="ExtendedHighestSequence">Extended highest sequence number received.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">The middle 32 bits of the NTP timestamp of the last SR from the source (LSR), 0 if none.</param>
/// <param name="DelaySinceLastSenderReport">The delay since that SR in 1/65536 s (DLSR), 0 if none.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>The encoded length: 24 octets.</summary>
    public const int Length = 24;

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        // The 24-bit cumulative loss is signed: sign-extend from bit 23.
        var lostField = (int)(BinaryPrimitives.ReadUInt32BigEndian(source[4..]) & 0xFFFFFF);
        var lost = (lostField << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            source[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }

    internal void Write(Span<byte> destination)
    {
        if (CumulativeLost is < -0x800000 or > 0x7FFFFF)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The cumulative loss {CumulativeLost} does not fit the 24-bit signed field."));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)CumulativeLost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}
