using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Rtcp;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>Building and parsing an SR + SDES compound with one report block: what every session does every few seconds.</summary>
[MemoryDiagnoser]
public class RtpRtcpCompoundBenchmarks
{
    private readonly byte[] _buffer = new byte[512];
    private readonly RtcpReportBlock[] _blocks = [new RtcpReportBlock(0x1234, 12, 40, 70_000, 33, 0xAABBCCDD, 65536)];
    private int _length;

    /// <summary>Builds the compound once for the parse benchmark.</summary>
    [GlobalSetup]
    public void Setup() => _length = Build();

    /// <summary>Build SR (one block) + SDES CNAME.</summary>
    [Benchmark]
    public int Build()
    {
        var builder = new RtcpCompoundBuilder(_buffer);
        builder.AddSenderReport(0xDEADBEEF, new RtcpSenderInfo(new NtpTimestamp(0xE000_0000_8000_0000), 160_000, 500, 80_000), _blocks);
        builder.AddSourceDescription(0xDEADBEEF, "agent-0042@node-1.callcenter.example"u8);
        return builder.Length;
    }

    /// <summary>Validate the compound and read every field.</summary>
    [Benchmark]
    public uint Parse()
    {
        uint sum = 0;
        foreach (var packet in RtcpCompoundPacket.Parse(_buffer.AsSpan(0, _length)))
        {
            if (packet.PacketType == RtcpPacketType.SenderReport)
            {
                var sr = packet.AsSenderReport();
                sum += sr.SenderInfo.PacketCount + sr.GetReportBlock(0).Jitter;
            }
            else if (packet.PacketType == RtcpPacketType.SourceDescription)
            {
                packet.AsSourceDescription().TryGetCanonicalName(0xDEADBEEF, out var cname);
                sum += (uint)cname.Length;
            }
        }

        return sum;
    }
}
