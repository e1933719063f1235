using BenchmarkDotNet.Attributes;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Opus;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Benchmarks.Calls;

/// <summary>
/// One 20 ms media clock tick (receive, mix and send phases) over <see cref="Legs"/> legs bridged in pairs, on
/// one thread: relayed pairs (the tick only polls), G.711 pairs forced to transcode (decode, pipe, encode, send),
/// and G.711 to Opus pairs. Packets are not received here (see <see cref="RelayBenchmarks"/>): the jitter
/// buffers conceal, which costs about what decoding does. Divide by <see cref="Legs"/> for the cost per leg per tick.
/// </summary>
[MemoryDiagnoser]
public class MediaClockTickBenchmarks
{
    private static readonly MediaClockPhase[] Phases = [MediaClockPhase.Receive, MediaClockPhase.Mix, MediaClockPhase.Send];
    private readonly List<NegotiatedLeg> _legs = [];
    private readonly List<IDisposable> _routes = [];
    private MediaClock _clock = null!;
    private TimeSpan _now;

    /// <summary>Legs ticked (pairs of bridged legs).</summary>
    [Params(100)]
    public int Legs { get; set; }

    /// <summary>How each pair is bridged.</summary>
    [Params(BridgeKind.Relay, BridgeKind.G711Transcode, BridgeKind.G711ToOpus)]
    public BridgeKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clock = new MediaClock();
        var registry = AudioCodecRegistry.CreateDefault().AddOpus(new OpusEncoderOptions { SampleRate = 8000 });
        var pcma = new MediaSessionOptions { Codecs = [SdpCodec.Pcma], InbandDtmf = InbandDtmfDetection.Never };
        var opus = new MediaSessionOptions { Codecs = [SdpCodec.Opus], InbandDtmf = InbandDtmfDetection.Never };
        for (var i = 0; i < Legs / 2; i++)
        {
            var a = NegotiatedLeg.Create(_clock, registry, pcma, pcma);
            var b = Kind == BridgeKind.G711ToOpus ? NegotiatedLeg.Create(_clock, registry, opus, opus) : NegotiatedLeg.Create(_clock, registry, pcma, pcma);
            _legs.Add(a);
            _legs.Add(b);
            if (Kind == BridgeKind.Relay)
            {
                a.Leg.StartRelay(b.Leg);
                b.Leg.StartRelay(a.Leg);
            }
            else
            {
                Pipe(a.Leg, b.Leg);
                Pipe(b.Leg, a.Leg);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var route in _routes)
        {
            route.Dispose();
        }

        foreach (var leg in _legs)
        {
            leg.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _clock.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>All three phases over every leg.</summary>
    [Benchmark]
    public TimeSpan Tick()
    {
        _now += MediaClock.Period;
        foreach (var phase in Phases)
        {
            foreach (var leg in _legs)
            {
                leg.Leg.OnTick(phase, _now);
            }
        }

        return _now;
    }

    /// <summary>A bridge direction through a pipe, as a transcoding bridge routes it.</summary>
    private void Pipe(MediaSession speaker, MediaSession listener)
    {
        var pipe = new AudioPipe(listener.Format);
        _routes.Add(speaker.Listen(pipe));
        _routes.Add(listener.Hear(pipe));
    }
}

/// <summary>How a benchmarked pair of legs is bridged.</summary>
public enum BridgeKind
{
    /// <summary>Payloads relayed.</summary>
    Relay,

    /// <summary>PCMA to PCMA, decoded and encoded.</summary>
    G711Transcode,

    /// <summary>PCMA to Opus (8 kHz PCM).</summary>
    G711ToOpus,
}
