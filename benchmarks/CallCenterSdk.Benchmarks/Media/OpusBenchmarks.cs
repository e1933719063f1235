using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Opus;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>
/// Opus over the system libopus, one 20 ms 48 kHz mono frame at 32 kbit/s. For scale (issue 5): libopus 1.3.1
/// takes about 190 us at complexity 5 and 340 us at 10 on these machines. Target: no allocation.
/// </summary>
[MemoryDiagnoser]
public class OpusBenchmarks
{
    private readonly short[] _pcm = new short[960];
    private readonly short[] _decoded = new short[960];
    private readonly byte[] _payload = new byte[1500];
    private OpusEncoder _encoder = null!;
    private OpusDecoder _decoder = null!;
    private int _packetLength;

    /// <summary>Encoder complexity.</summary>
    [Params(5, 10)]
    public int Complexity { get; set; }

    /// <summary>Creates the codec and a speech-like frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int n = 0; n < _pcm.Length; n++)
        {
            double t = n / 48000.0;
            _pcm[n] = (short)((5000 * Math.Sin(2 * Math.PI * 180 * t)) + (2500 * Math.Sin(2 * Math.PI * 720 * t)) + random.Next(-600, 600));
        }

        _encoder = new OpusEncoder(new OpusEncoderOptions { Bitrate = 32000, Complexity = Complexity });
        _decoder = new OpusDecoder();
        _packetLength = _encoder.Encode(_pcm, _payload);
    }

    /// <summary>Releases the native state.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }

    /// <summary>Encode one frame.</summary>
    [Benchmark]
    public int Encode() => _encoder.Encode(_pcm, _payload);

    /// <summary>Decode one frame.</summary>
    [Benchmark]
    public int Decode() => _decoder.Decode(_payload.AsSpan(0, _packetLength), _decoded);
}
