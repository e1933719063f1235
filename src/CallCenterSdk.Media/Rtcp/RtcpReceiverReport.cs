using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>A receiver report (RFC 3550 §6.4.2) viewed in place.</summary>
public readonly ref struct RtcpReceiverReport
{
    private readonly ReadOnlySpan<byte> _body;

    internal RtcpReceiverReport(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ReportCount = count;
    }

    /// <summary>The SSRC of the packet's sender.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The number of report blocks.</summary>
    public int ReportCount { get; }

    /// <summary>Report block <paramref name="index"/>.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return RtcpReportBlock.Read(_body[(4 + (index * RtcpReportBlock.Length))..]);
    }
}
