using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Opus;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>
/// Opus over the system libopus, one 20 ms mono frame at 32 kbit/s (VoIP application, VBR), at 8 and 48 kHz
/// PCM and complexity 0, 1, 5 and 10. Each call encodes (or decodes) the next frame of seven seconds of real
/// speech (<see cref="SpeechClip"/>), so the encoder meets voiced, unvoiced and silent frames as on a call
/// instead of one frame repeated. For scale (issue 5): libopus 1.3.1 takes about 190 us at complexity 5 and
/// 340 us at 10 for a 48 kHz frame on these machines. Target: no allocation.
/// </summary>
[MemoryDiagnoser]
public class OpusBenchmarks
{
    private readonly byte[] _payload = new byte[1500];
    private short[] _speech = [];
    private byte[][] _packets = [];
    private short[] _decoded = [];
    private int _frameSamples;
    private int _frames;
    private int _nextEncode;
    private int _nextDecode;
    private OpusEncoder _encoder = null!;
    private OpusDecoder _decoder = null!;

    /// <summary>PCM sample rate of the frames (the RTP clock stays 48 kHz, RFC 7587).</summary>
    [Params(8000, 48000)]
    public int SampleRate { get; set; }

    /// <summary>Encoder complexity (0-10); transcoding legs may run low complexities.</summary>
    [Params(0, 1, 5, 10)]
    public int Complexity { get; set; }

    /// <summary>Loads the speech at the rate, encodes it once for the decoder, and opens a fresh encoder and decoder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _frameSamples = SampleRate / 50;
        _speech = SpeechClip.Load(SampleRate);
        _frames = _speech.Length / _frameSamples;
        _decoded = new short[_frameSamples];
        var options = new OpusEncoderOptions { SampleRate = SampleRate, Bitrate = 32000, Complexity = Complexity };
        using (var first = new OpusEncoder(options))
        {
            _packets = new byte[_frames][];
            for (int f = 0; f < _frames; f++)
            {
                int length = first.Encode(Frame(f), _payload);
                _packets[f] = _payload.AsSpan(0, length).ToArray();
            }
        }

        _encoder = new OpusEncoder(options);
        _decoder = new OpusDecoder(SampleRate);
    }

    /// <summary>Releases the native state.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }

    /// <summary>Encode the next speech frame (wrapping round the clip).</summary>
    [Benchmark]
    public int Encode()
    {
        int f = _nextEncode;
        _nextEncode = f + 1 == _frames ? 0 : f + 1;
        return _encoder.Encode(Frame(f), _payload);
    }

    /// <summary>Decode the next packet of the same speech, in stream order.</summary>
    [Benchmark]
    public int Decode()
    {
        int f = _nextDecode;
        _nextDecode = f + 1 == _frames ? 0 : f + 1;
        return _decoder.Decode(_packets[f], _decoded);
    }

    private ReadOnlySpan<short> Frame(int index) => _speech.AsSpan(index * _frameSamples, _frameSamples);
}
