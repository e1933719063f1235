using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>A BYE packet (RFC 3550 §6.6) viewed in place.</summary>
public readonly ref struct RtcpGoodbye
{
    private readonly ReadOnlySpan<byte> _body;

    internal RtcpGoodbye(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        SourceCount = count;
    }

    /// <summary>The number of sources leaving.</summary>
    public int SourceCount { get; }

    /// <summary>The reason for leaving (UTF-8), empty when absent.</summary>
    public ReadOnlySpan<byte> Reason
    {
        get
        {
            var offset = 4 * SourceCount;
            return offset < _body.Length ? _body.Slice(offset + 1, _body[offset]) : default;
        }
    }

    /// <summary>Source <paramref name="index"/>.</summary>
    public uint GetSource(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(4 * index, 4));
    }

    /// <summary>Returns -1 when the source list and reason fit the body, else the offset of the problem.</summary>
    internal static int Validate(ReadOnlySpan<byte> body, int sources)
    {
        var offset = 4 * sources;
        if (offset > body.Length)
        {
            return body.Length;
        }

        if (offset < body.Length && offset + 1 + body[offset] > body.Length)
        {
            return offset;
        }

        return -1;
    }
}
