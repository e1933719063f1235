using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Rtp;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>RTP parse and serialize for a 20 ms G.711 packet (160-byte payload), plain and with RFC 8285 extensions.</summary>
[MemoryDiagnoser]
public class RtpPacketBenchmarks
{
    private readonly byte[] _plain = new byte[172];
    private readonly byte[] _extended = new byte[200];
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _output = new byte[1500];
    private int _extendedLength;

    /// <summary>Builds the packets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_payload);
        RtpPacketBuilder.Write(_plain, new RtpHeader(0, 1234, 160_000, 0xDEADBEEF, Marker: true), _payload);
        var builder = new RtpPacketBuilder(_extended);
        builder.WriteHeader(new RtpHeader(0, 1234, 160_000, 0xDEADBEEF));
        builder.BeginExtensions(RtpHeaderExtensionForm.OneByte);
        builder.AddExtension(1, [0x80]); // ssrc-audio-level (RFC 6464)
        builder.AddExtension(3, [1, 2, 3]); // abs-send-time
        _extendedLength = builder.Complete(_payload);
    }

    /// <summary>Parse a plain packet and read its header fields and payload.</summary>
    [Benchmark(Baseline = true)]
    public int ParsePlain()
    {
        if (!RtpPacket.TryParse(_plain, out var packet, out _))
        {
            return -1;
        }

        return packet.SequenceNumber + packet.PayloadType + (int)packet.Ssrc + packet.Payload.Length;
    }

    /// <summary>Parse a packet with two one-byte extension elements (validated up front) and find one.</summary>
    [Benchmark]
    public int ParseWithExtensions()
    {
        if (!RtpPacket.TryParse(_extended.AsSpan(0, _extendedLength), out var packet, out _) || !packet.TryGetExtension(1, out var level))
        {
            return -1;
        }

        return packet.SequenceNumber + level[0] + packet.Payload.Length;
    }

    /// <summary>Serialize a plain packet (the send hot path).</summary>
    [Benchmark]
    public int SerializePlain() => RtpPacketBuilder.Write(_output, new RtpHeader(0, 1234, 160_000, 0xDEADBEEF), _payload);

    /// <summary>Serialize a packet with two one-byte extension elements.</summary>
    [Benchmark]
    public int SerializeWithExtensions()
    {
        var builder = new RtpPacketBuilder(_output);
        builder.WriteHeader(new RtpHeader(0, 1234, 160_000, 0xDEADBEEF));
        builder.BeginExtensions(RtpHeaderExtensionForm.OneByte);
        builder.AddExtension(1, [0x80]);
        builder.AddExtension(3, [1, 2, 3]);
        return builder.Complete(_payload);
    }
}
