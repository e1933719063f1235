using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// A validated, zero-copy view of one RTP packet (RFC 3550 §5.1) over the datagram bytes. Parsing checks
/// every length (CSRC list, extension, RFC 8285 elements, padding) up front, so every accessor is safe.
/// </summary>
public readonly ref struct RtpPacket
{
    /// <summary>The length of the fixed header, before CSRCs and extension.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int RtpVersion = 2;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _extensionOffset;
    private readonly int _payloadOffset;
    private readonly int _payloadLength;

    private RtpPacket(ReadOnlySpan<byte> data, int extensionOffset, int payloadOffset, int payloadLength)
    {
        _data = data;
        _extensionOffset = extensionOffset;
        _payloadOffset = payloadOffset;
        _payloadLength = payloadLength;
    }

    /// <summary>The version field (always 2 for a parsed packet).</summary>
    public int Version => _data[0] >> 6;

    /// <summary>The P bit: the packet ends with padding octets.</summary>
    public bool HasPadding => (_data[0] & 0x20) != 0;

    /// <summary>The X bit: a header extension follows the CSRC list.</summary>
    public bool HasExtension => (_data[0] & 0x10) != 0;

    /// <summary>The number of CSRC identifiers (CC field).</summary>
    public int CsrcCount => _data[0] & 0x0F;

    /// <summary>The M bit (start of a talkspurt for audio, RFC 3551 §4.1).</summary>
    public bool Marker => (_data[1] & 0x80) != 0;

    /// <summary>The payload type (7 bits).</summary>
    public byte PayloadType => (byte)(_data[1] & 0x7F);

    /// <summary>The 16-bit sequence number.</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(2, 2));

    /// <summary>The 32-bit media timestamp.</summary>
    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(4, 4));

    /// <summary>The synchronization source identifier.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(8, 4));

    /// <summary>The extension profile (0xBEDE one-byte, 0x100X two-byte), or 0 without an extension.</summary>
    public ushort ExtensionProfile => HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(_extensionOffset, 2)) : (ushort)0;

    /// <summary>The RFC 8285 form of the extension block.</summary>
    public RtpHeaderExtensionForm ExtensionForm => HasExtension ? RtpHeaderExtensionLayout.FormOf(ExtensionProfile) : RtpHeaderExtensionForm.None;

    /// <summary>The raw extension block after its 4-byte header (empty without an extension).</summary>
    public ReadOnlySpan<byte> ExtensionData =>
        HasExtension ? _data.Slice(_extensionOffset + 4, BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(_extensionOffset + 2, 2)) * 4) : default;

    /// <summary>The RFC 8285 elements of the extension block (none for other profiles).</summary>
    public RtpHeaderExtensionEnumerator Extensions => new(ExtensionData, ExtensionForm);

    /// <summary>The payload, without header and padding.</summary>
    public ReadOnlySpan<byte> Payload => _data.Slice(_payloadOffset, _payloadLength);

    /// <summary>The number of padding octets at the end (0 without the P bit).</summary>
    public int PaddingLength => HasPadding ? _data[^1] : 0;

    /// <summary>The header length: fixed header, CSRCs and extension.</summary>
    public int HeaderLength => _payloadOffset;

    /// <summary>The whole datagram.</summary>
    public ReadOnlySpan<byte> Datagram => _data;

    /// <summary>Returns CSRC number <paramref name="index"/> (0-based, below <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(FixedHeaderLength + (4 * index), 4));
    }

    /// <summary>Finds the first RFC 8285 element with <paramref name="id"/>; false when absent.</summary>
    public bool TryGetExtension(byte id, out ReadOnlySpan<byte> data)
    {
        foreach (var element in Extensions)
        {
            if (element.Id == id)
            {
                data = element.Data;
                return true;
            }
        }

        data = default;
        return false;
    }

    /// <summary>Parses <paramref name="datagram"/>, throwing <see cref="RtpParseException"/> with reason and offset when invalid.</summary>
    public static RtpPacket Parse(ReadOnlySpan<byte> datagram)
    {
        var reason = Validate(datagram, out var packet, out var offset);
        return reason == RtpParseFailure.None ? packet : throw new RtpParseException(reason, offset);
    }

    /// <summary>Parses <paramref name="datagram"/> without throwing; <paramref name="failure"/> says why it was rejected.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpPacket packet, out RtpParseFailure failure)
    {
        failure = Validate(datagram, out packet, out _);
        return failure == RtpParseFailure.None;
    }

    /// <summary>Parses <paramref name="datagram"/> without throwing, also reporting the offending offset.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpPacket packet, out RtpParseFailure failure, out int offset)
    {
        failure = Validate(datagram, out packet, out offset);
        return failure == RtpParseFailure.None;
    }

    private static RtpParseFailure Validate(ReadOnlySpan<byte> data, out RtpPacket packet, out int offset)
    {
        packet = default;
        if (data.Length < FixedHeaderLength)
        {
            offset = data.Length;
            return RtpParseFailure.TooShort;
        }

        var first = data[0];
        if (first >> 6 != RtpVersion)
        {
            offset = 0;
            return RtpParseFailure.UnsupportedVersion;
        }

        var payloadType = data[1] & 0x7F;
        if (payloadType is >= 72 and <= 76)
        {
            offset = 1;
            return RtpParseFailure.ReservedPayloadType;
        }

        var position = FixedHeaderLength + (4 * (first & 0x0F));
        if (position > data.Length)
        {
            offset = FixedHeaderLength;
            return RtpParseFailure.CsrcListTruncated;
        }

        var extensionOffset = 0;
        if ((first & 0x10) != 0)
        {
            extensionOffset = position;
            if (position + 4 > data.Length)
            {
                offset = position;
                return RtpParseFailure.ExtensionHeaderTruncated;
            }

            var profile = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position, 2));
            var words = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
            var blockLength = words * 4;
            if (position + 4 + blockLength > data.Length)
            {
                offset = position + 2;
                return RtpParseFailure.ExtensionTruncated;
            }

            var form = RtpHeaderExtensionLayout.FormOf(profile);
            if (form != RtpHeaderExtensionForm.None)
            {
                var block = data.Slice(position + 4, blockLength);
                var cursor = 0;
                while (true)
                {
                    cursor = RtpHeaderExtensionLayout.Next(block, form, cursor, out _, out _, out _, out var errorOffset);
                    if (cursor == -1)
                    {
                        break;
                    }

                    if (cursor == -2)
                    {
                        offset = position + 4 + errorOffset;
                        return RtpParseFailure.ExtensionElementTruncated;
                    }
                }
            }

            position += 4 + blockLength;
        }

        var end = data.Length;
        if ((first & 0x20) != 0)
        {
            var padding = data[^1];
            if (padding == 0)
            {
                offset = data.Length - 1;
                return RtpParseFailure.PaddingCountZero;
            }

            if (padding > end - position)
            {
                offset = data.Length - 1;
                return RtpParseFailure.PaddingExceedsPacket;
            }

            end -= padding;
        }

        offset = 0;
        packet = new RtpPacket(data, extensionOffset, position, end - position);
        return RtpParseFailure.None;
    }
}
