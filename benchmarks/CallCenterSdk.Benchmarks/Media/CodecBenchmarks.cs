using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>G.711 and G.722 per 20 ms frame (160 samples at 8 kHz, 320 at 16 kHz). Target: G.711 under 100 ns, no allocation.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly short[] _narrow = new short[160];
    private readonly short[] _wide = new short[320];
    private readonly byte[] _payload = new byte[320];
    private readonly byte[] _muPayload = new byte[160];
    private readonly byte[] _aPayload = new byte[160];
    private readonly byte[] _g722Payload = new byte[160];
    private readonly short[] _pcm = new short[320];
    private readonly MuLawEncoder _muEncoder = new();
    private readonly MuLawDecoder _muDecoder = new();
    private readonly ALawEncoder _aEncoder = new();
    private readonly ALawDecoder _aDecoder = new();
    private readonly G722Encoder _g722Encoder = new();
    private readonly G722Decoder _g722Decoder = new();

    /// <summary>Fills the frames with a speech-level tone mix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int n = 0; n < _wide.Length; n++)
        {
            double t = n / 16000.0;
            _wide[n] = (short)((6000 * Math.Sin(2 * Math.PI * 440 * t)) + (3000 * Math.Sin(2 * Math.PI * 2900 * t)));
        }

        for (int n = 0; n < _narrow.Length; n++)
        {
            _narrow[n] = _wide[n * 2];
        }

        _muEncoder.Encode(_narrow, _muPayload);
        _aEncoder.Encode(_narrow, _aPayload);
        new G722Encoder().Encode(_wide, _g722Payload);
    }

    /// <summary>PCMU encode of one frame.</summary>
    [Benchmark]
    public int G711MuLawEncode() => _muEncoder.Encode(_narrow, _payload);

    /// <summary>PCMU decode of one frame.</summary>
    [Benchmark]
    public int G711MuLawDecode() => _muDecoder.Decode(_muPayload, _pcm);

    /// <summary>PCMA encode of one frame.</summary>
    [Benchmark]
    public int G711ALawEncode() => _aEncoder.Encode(_narrow, _payload);

    /// <summary>PCMA decode of one frame.</summary>
    [Benchmark]
    public int G711ALawDecode() => _aDecoder.Decode(_aPayload, _pcm);

    /// <summary>G.722 encode of one 16 kHz frame.</summary>
    [Benchmark]
    public int G722Encode() => _g722Encoder.Encode(_wide, _payload);

    /// <summary>G.722 decode of one frame.</summary>
    [Benchmark]
    public int G722Decode() => _g722Decoder.Decode(_g722Payload, _pcm);
}
