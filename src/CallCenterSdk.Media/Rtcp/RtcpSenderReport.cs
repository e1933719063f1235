using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>A sender report (RFC 3550 §6.4.1) viewed in place.</summary>
public readonly ref struct RtcpSenderReport
{
    private readonly ReadOnlySpan<byte> _body;

    internal RtcpSenderReport(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ReportCount = count;
    }

    /// <summary>The SSRC of the sender.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    /// <summary>The sender information.</summary>
    public RtcpSenderInfo SenderInfo => RtcpSenderInfo.Read(_body[4..]);

    /// <summary>The number of report blocks.</summary>
    public int ReportCount { get; }

    /// <summary>Report block <paramref name="index"/>.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return RtcpReportBlock.Read(_body[(24 + (index * RtcpReportBlock.Length))..]);
    }
}
