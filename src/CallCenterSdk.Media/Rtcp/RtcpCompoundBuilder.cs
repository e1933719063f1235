using System.Buffers.Binary;
using System.Text;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>
/// Writes an RTCP compound packet into a caller's buffer: SR or RR first, then SDES, then an optional BYE,
/// as RFC 3550 §6.1 requires. Nothing is allocated.
/// </summary>
public ref struct RtcpCompoundBuilder
{
    private readonly Span<byte> _buffer;
    private int _position;

    /// <summary>Starts a compound in <paramref name="buffer"/>.</summary>
    public RtcpCompoundBuilder(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>The bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>The compound written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>Adds a sender report with up to 31 report blocks.</summary>
    public void AddSenderReport(uint ssrc, in RtcpSenderInfo senderInfo, scoped ReadOnlySpan<RtcpReportBlock> blocks)
    {
        CheckBlocks(blocks);
        var length = 4 + 4 + RtcpSenderInfo.Length + (blocks.Length * RtcpReportBlock.Length);
        var packet = Begin(RtcpPacketType.SenderReport, blocks.Length, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ssrc);
        senderInfo.Write(packet[8..]);
        WriteBlocks(packet[28..], blocks);
    }

    /// <summary>Adds a receiver report with up to 31 report blocks.</summary>
    public void AddReceiverReport(uint ssrc, scoped ReadOnlySpan<RtcpReportBlock> blocks)
    {
        CheckBlocks(blocks);
        var length = 4 + 4 + (blocks.Length * RtcpReportBlock.Length);
        var packet = Begin(RtcpPacketType.ReceiverReport, blocks.Length, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ssrc);
        WriteBlocks(packet[8..], blocks);
    }

    /// <summary>Adds an SDES packet with one chunk carrying the CNAME (UTF-8, at most 255 bytes).</summary>
    public void AddSourceDescription(uint ssrc, scoped ReadOnlySpan<byte> canonicalName)
    {
        if (canonicalName.Length is 0 or > 255)
        {
            throw new ArgumentException("A CNAME has 1-255 bytes (RFC 3550 §6.5).", nameof(canonicalName));
        }

        // Chunk: SSRC, item header, text, then at least one null octet up to the next word boundary.
        var chunk = (4 + 2 + canonicalName.Length + 4) & ~3;
        var packet = Begin(RtcpPacketType.SourceDescription, 1, 4 + chunk);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ssrc);
        packet[8] = (byte)RtcpSourceDescriptionItemType.CanonicalName;
        packet[9] = (byte)canonicalName.Length;
        canonicalName.CopyTo(packet[10..]);
        packet[(10 + canonicalName.Length)..].Clear();
    }

    /// <summary>Adds an SDES packet with one chunk carrying <paramref name="canonicalName"/> encoded as UTF-8.</summary>
    public void AddSourceDescription(uint ssrc, string canonicalName)
    {
        ArgumentNullException.ThrowIfNull(canonicalName);
        Span<byte> text = stackalloc byte[256];
        if (!Encoding.UTF8.TryGetBytes(canonicalName, text, out var written) || written > 255)
        {
            throw new ArgumentException("A CNAME has at most 255 UTF-8 bytes.", nameof(canonicalName));
        }

        AddSourceDescription(ssrc, text[..written]);
    }

    /// <summary>Adds a BYE for up to 31 sources with an optional reason (UTF-8, at most 255 bytes).</summary>
    public void AddGoodbye(scoped ReadOnlySpan<uint> sources, scoped ReadOnlySpan<byte> reason = default)
    {
        if (sources.Length > 31)
        {
            throw new ArgumentException("A BYE lists at most 31 sources (5-bit SC field).", nameof(sources));
        }

        if (reason.Length > 255)
        {
            throw new ArgumentException("A BYE reason has at most 255 bytes.", nameof(reason));
        }

        var reasonLength = reason.IsEmpty ? 0 : (1 + reason.Length + 3) & ~3;
        var packet = Begin(RtcpPacketType.Goodbye, sources.Length, 4 + (4 * sources.Length) + reasonLength);
        for (var i = 0; i < sources.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet[(4 + (4 * i))..], sources[i]);
        }

        if (!reason.IsEmpty)
        {
            var at = 4 + (4 * sources.Length);
            packet[at] = (byte)reason.Length;
            reason.CopyTo(packet[(at + 1)..]);
            packet[(at + 1 + reason.Length)..].Clear();
        }
    }

    private Span<byte> Begin(RtcpPacketType type, int count, int length)
    {
        if (_position == 0 && type is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
        {
            throw new InvalidOperationException("RFC 3550 §6.1: a compound packet starts with an SR or RR.");
        }

        if (_position + length > _buffer.Length)
        {
            throw new ArgumentException(FormattableString.Invariant($"The buffer of {_buffer.Length} bytes is too small for the RTCP compound (needs {_position + length})."));
        }

        var packet = _buffer.Slice(_position, length);
        packet[0] = (byte)(0x80 | count);
        packet[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)((length / 4) - 1));
        _position += length;
        return packet;
    }

    private static void CheckBlocks(scoped ReadOnlySpan<RtcpReportBlock> blocks)
    {
        if (blocks.Length > 31)
        {
            throw new ArgumentException("An SR or RR carries at most 31 report blocks (5-bit RC field).", nameof(blocks));
        }
    }

    private static void WriteBlocks(Span<byte> destination, scoped ReadOnlySpan<RtcpReportBlock> blocks)
    {
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(destination[(i * RtcpReportBlock.Length)..]);
        }
    }
}
