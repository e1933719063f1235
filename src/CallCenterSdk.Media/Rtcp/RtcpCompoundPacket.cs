using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>
/// A validated RTCP compound packet (RFC 3550 §6.1) viewed in place. Parsing applies the Appendix A.2 checks
/// (version 2 everywhere, SR or RR first, padding only in the last packet, lengths that add up to the
/// datagram) and checks the inside of SR, RR, SDES and BYE, so enumeration and the typed views never fail.
/// </summary>
public readonly ref struct RtcpCompoundPacket
{
    private readonly ReadOnlySpan<byte> _data;

    private RtcpCompoundPacket(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The whole datagram.</summary>
    public ReadOnlySpan<byte> Datagram => _data;

    /// <summary>Parses <paramref name="datagram"/>, throwing <see cref="RtcpParseException"/> with reason and offset when invalid.</summary>
    public static RtcpCompoundPacket Parse(ReadOnlySpan<byte> datagram)
    {
        var failure = Validate(datagram, out var offset);
        return failure == RtcpParseFailure.None ? new RtcpCompoundPacket(datagram) : throw new RtcpParseException(failure, offset);
    }

    /// <summary>Parses without throwing; <paramref name="failure"/> and <paramref name="offset"/> say why and where it was rejected.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtcpCompoundPacket packet, out RtcpParseFailure failure, out int offset)
    {
        failure = Validate(datagram, out offset);
        packet = failure == RtcpParseFailure.None ? new RtcpCompoundPacket(datagram) : default;
        return failure == RtcpParseFailure.None;
    }

    /// <summary>Enumerates the packets of the compound.</summary>
    public Enumerator GetEnumerator() => new(_data);

    private static RtcpParseFailure Validate(ReadOnlySpan<byte> data, out int offset)
    {
        offset = 0;
        if (data.Length < 4)
        {
            offset = data.Length;
            return RtcpParseFailure.TooShort;
        }

        if ((data.Length & 3) != 0)
        {
            offset = data.Length;
            return RtcpParseFailure.NotWordAligned;
        }

        var position = 0;
        var first = true;
        while (position < data.Length)
        {
            offset = position;
            if (position + 4 > data.Length)
            {
                return RtcpParseFailure.TooShort;
            }

            var b0 = data[position];
            if (b0 >> 6 != 2)
            {
                return RtcpParseFailure.UnsupportedVersion;
            }

            var type = (RtcpPacketType)data[position + 1];
            if (first && type is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
            {
                offset = position + 1;
                return RtcpParseFailure.FirstPacketNotReport;
            }

            var length = (BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2)) + 1) * 4;
            if (position + length > data.Length)
            {
                offset = position + 2;
                return RtcpParseFailure.LengthExceedsDatagram;
            }

            var packet = data.Slice(position, length);
            var bodyEnd = length;
            if ((b0 & 0x20) != 0)
            {
                if (position + length != data.Length)
                {
                    return RtcpParseFailure.PaddingNotLast;
                }

                var padding = packet[^1];
                if (padding == 0 || padding > length - 4)
                {
                    offset = position + length - 1;
                    return RtcpParseFailure.InvalidPadding;
                }

                bodyEnd -= padding;
            }

            var body = packet[4..bodyEnd];
            var count = b0 & 0x1F;
            var problem = type switch
            {
                RtcpPacketType.SenderReport => body.Length < 4 + RtcpSenderInfo.Length + (count * RtcpReportBlock.Length) ? 0 : -1,
                RtcpPacketType.ReceiverReport => body.Length < 4 + (count * RtcpReportBlock.Length) ? 0 : -1,
                RtcpPacketType.SourceDescription => RtcpSourceDescription.Validate(body, count),
                RtcpPacketType.Goodbye => RtcpGoodbye.Validate(body, count),
                _ => -1,
            };
            if (problem >= 0)
            {
                offset = position + 4 + problem;
                return type switch
                {
                    RtcpPacketType.SourceDescription => RtcpParseFailure.SourceDescriptionTruncated,
                    RtcpPacketType.Goodbye => RtcpParseFailure.GoodbyeTruncated,
                    _ => RtcpParseFailure.ReportTruncated,
                };
            }

            first = false;
            position += length;
        }

        offset = 0;
        return RtcpParseFailure.None;
    }

    /// <summary>Iterates the packets of a validated compound.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _offset;
        private int _length;

        internal Enumerator(ReadOnlySpan<byte> data)
        {
            _data = data;
            _offset = 0;
            _length = 0;
        }

        /// <summary>The current packet.</summary>
        public readonly RtcpPacket Current => new(_data.Slice(_offset, _length));

        /// <summary>Moves to the next packet.</summary>
        public bool MoveNext()
        {
            _offset += _length;
            if (_offset >= _data.Length)
            {
                return false;
            }

            _length = (BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(_offset + 2, 2)) + 1) * 4;
            return true;
        }
    }
}
