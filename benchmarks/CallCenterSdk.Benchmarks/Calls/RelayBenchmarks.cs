using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Benchmarks.Calls;

/// <summary>
/// The B2BUA's relay path for one received PCMA packet: parse, hand to the leg, rewrite the header for the other
/// leg and send it (a real UDP send on loopback), as <see cref="MediaSession.StartRelay"/> does for a bridge.
/// With <see cref="Tapped"/> the leg also decodes into the jitter buffer (a supervisor listening).
/// </summary>
[MemoryDiagnoser]
public class RelayBenchmarks
{
    private readonly byte[] _datagram = new byte[12 + 160];
    private MediaClock _clock = null!;
    private NegotiatedLeg _from = null!;
    private NegotiatedLeg _to = null!;
    private IDisposable? _tap;
    private ushort _sequence;
    private uint _timestamp;

    /// <summary>True when a Listen tap makes the relaying leg decode as well.</summary>
    [Params(false, true)]
    public bool Tapped { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clock = new MediaClock();
        var registry = AudioCodecRegistry.CreateDefault();
        var options = new MediaSessionOptions { Codecs = [SdpCodec.Pcma], InbandDtmf = InbandDtmfDetection.Never };
        _from = NegotiatedLeg.Create(_clock, registry, options, options);
        _to = NegotiatedLeg.Create(_clock, registry, options, options);
        _from.Leg.StartRelay(_to.Leg);
        if (Tapped)
        {
            _tap = _from.Leg.Listen(new AudioPipe(_from.Leg.Format));
        }

        _datagram[0] = 0x80;
        _datagram[1] = 8;
        BinaryPrimitives.WriteUInt32BigEndian(_datagram.AsSpan(8), 0x1234_5678);
        _datagram.AsSpan(12).Fill(0xD5);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tap?.Dispose();
        _from.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _to.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _clock.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One packet in, one packet out.</summary>
    [Benchmark]
    public long RelayOnePacket()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_datagram.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(_datagram.AsSpan(4), _timestamp += 160);
        _from.Leg.OnRtpPacket(RtpPacket.Parse(_datagram), RtpReceiveOutcome.Accepted);
        return _to.Leg.RelayedPackets;
    }
}
