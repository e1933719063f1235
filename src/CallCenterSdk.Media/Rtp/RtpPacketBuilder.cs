using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// Writes one RTP packet into a caller's buffer in order: header (with CSRCs), optional RFC 8285 extension
/// elements, then payload and padding. Nothing is allocated.
/// </summary>
public ref struct RtpPacketBuilder
{
    private readonly Span<byte> _buffer;
    private int _position;
    private int _extensionStart;
    private RtpHeaderExtensionForm _form;
    private bool _headerWritten;

    /// <summary>Starts a packet in <paramref name="buffer"/>.</summary>
    public RtpPacketBuilder(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
        _extensionStart = -1;
        _form = RtpHeaderExtensionForm.None;
        _headerWritten = false;
    }

    /// <summary>Writes a whole packet with no CSRCs, extension or padding and returns its length: the hot path.</summary>
    public static int Write(Span<byte> buffer, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        var length = RtpPacket.FixedHeaderLength + payload.Length;
        if (buffer.Length < length)
        {
            throw new ArgumentException(FormattableString.Invariant($"The buffer holds {buffer.Length} bytes; the packet needs {length}."), nameof(buffer));
        }

        WriteFixedHeader(buffer, header, 0, hasExtension: false, hasPadding: false);
        payload.CopyTo(buffer[RtpPacket.FixedHeaderLength..]);
        return length;
    }

    /// <summary>Writes the fixed header and the CSRC list (at most 15).</summary>
    public void WriteHeader(in RtpHeader header, scoped ReadOnlySpan<uint> csrcs = default)
    {
        if (_headerWritten)
        {
            throw new InvalidOperationException("The header is already written.");
        }

        if (csrcs.Length > 15)
        {
            throw new ArgumentException("RTP carries at most 15 CSRCs (4-bit CC field).", nameof(csrcs));
        }

        if (header.PayloadType is > 127 or (>= 72 and <= 76))
        {
            throw new ArgumentException("The payload type has 7 bits and may not be 72-76 (RFC 5761 §4).", nameof(header));
        }

        Ensure(RtpPacket.FixedHeaderLength + (4 * csrcs.Length));
        WriteFixedHeader(_buffer, header, csrcs.Length, hasExtension: false, hasPadding: false);
        _position = RtpPacket.FixedHeaderLength;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(_position, 4), csrc);
            _position += 4;
        }

        _headerWritten = true;
    }

    /// <summary>Opens an RFC 8285 extension block of the given form; elements follow with <see cref="AddExtension"/>.</summary>
    public void BeginExtensions(RtpHeaderExtensionForm form, byte appBits = 0)
    {
        if (!_headerWritten || _extensionStart >= 0)
        {
            throw new InvalidOperationException("Extensions start once, right after the header.");
        }

        if (form == RtpHeaderExtensionForm.None || appBits > 15)
        {
            throw new ArgumentException("Choose the one-byte or two-byte form; appBits has 4 bits.", nameof(form));
        }

        Ensure(4);
        var profile = form == RtpHeaderExtensionForm.OneByte ? RtpHeaderExtensionLayout.OneByteProfile : (ushort)(RtpHeaderExtensionLayout.TwoByteProfile | appBits);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.Slice(_position, 2), profile);
        _buffer[0] |= 0x10;
        _extensionStart = _position;
        _position += 4;
        _form = form;
    }

    /// <summary>Adds one element. One-byte form: id 1-14, 1-16 bytes; two-byte form: id 1-255, 0-255 bytes.</summary>
    public void AddExtension(byte id, scoped ReadOnlySpan<byte> data)
    {
        if (_form == RtpHeaderExtensionForm.None)
        {
            throw new InvalidOperationException("Call BeginExtensions first.");
        }

        if (_form == RtpHeaderExtensionForm.OneByte)
        {
            // RFC 8285 §4.2: ID 0 is padding and 15 is reserved; the length field stores len-1.
            if (id is 0 or 15 || data.Length is < 1 or > 16)
            {
                throw new ArgumentException("One-byte elements need id 1-14 and 1-16 data bytes.", nameof(id));
            }

            Ensure(1 + data.Length);
            _buffer[_position++] = (byte)((id << 4) | (data.Length - 1));
        }
        else
        {
            if (id == 0 || data.Length > 255)
            {
                throw new ArgumentException("Two-byte elements need id 1-255 and at most 255 data bytes.", nameof(id));
            }

            Ensure(2 + data.Length);
            _buffer[_position++] = id;
            _buffer[_position++] = (byte)data.Length;
        }

        data.CopyTo(_buffer[_position..]);
        _position += data.Length;
    }

    /// <summary>Closes any extension block, writes the payload and <paramref name="paddingLength"/> padding octets, and returns the packet length.</summary>
    public int Complete(scoped ReadOnlySpan<byte> payload, int paddingLength = 0)
    {
        if (!_headerWritten)
        {
            throw new InvalidOperationException("Write the header first.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(paddingLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paddingLength, 255);
        if (_extensionStart >= 0)
        {
            // RFC 3550 §5.3.1: the extension length counts 32-bit words, so pad with zero bytes (RFC 8285 padding).
            var blockLength = _position - _extensionStart - 4;
            var padded = (blockLength + 3) & ~3;
            Ensure(padded - blockLength);
            _buffer.Slice(_position, padded - blockLength).Clear();
            _position += padded - blockLength;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.Slice(_extensionStart + 2, 2), (ushort)(padded / 4));
            _extensionStart = int.MaxValue;
        }

        Ensure(payload.Length + paddingLength);
        payload.CopyTo(_buffer[_position..]);
        _position += payload.Length;
        if (paddingLength > 0)
        {
            _buffer.Slice(_position, paddingLength - 1).Clear();
            _position += paddingLength;
            _buffer[_position - 1] = (byte)paddingLength;
            _buffer[0] |= 0x20;
        }

        return _position;
    }

    private readonly void Ensure(int bytes)
    {
        if (_position + bytes > _buffer.Length)
        {
            throw new ArgumentException(FormattableString.Invariant($"The buffer of {_buffer.Length} bytes is too small for the packet (needs {_position + bytes})."));
        }
    }

    private static void WriteFixedHeader(Span<byte> buffer, in RtpHeader header, int csrcCount, bool hasExtension, bool hasPadding)
    {
        buffer[0] = (byte)((RtpPacket.RtpVersion << 6) | (hasPadding ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | csrcCount);
        buffer[1] = (byte)((header.Marker ? 0x80 : 0) | (header.PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(buffer.Slice(2, 2), header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.Slice(4, 4), header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.Slice(8, 4), header.Ssrc);
    }
}
