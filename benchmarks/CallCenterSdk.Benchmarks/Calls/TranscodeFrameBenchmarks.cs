using BenchmarkDotNet.Attributes;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Opus;
using CallCenterSdk.Media.Resampling;

namespace CallCenterSdk.Benchmarks.Calls;

/// <summary>
/// One 20 ms frame of a G.711 to Opus bridge direction, as the B2BUA's legs run it: PCMA decode, through the
/// bridge's <see cref="AudioPipe"/>, resampled to the Opus PCM rate when it is not 8 kHz, Opus encode
/// (libopus). The other direction (Opus decode, PCMA encode) is <see cref="OpusToG711"/>.
/// </summary>
[MemoryDiagnoser]
public class TranscodeFrameBenchmarks
{
    private readonly byte[] _pcma = new byte[160];
    private readonly byte[] _opusPacket = new byte[1500];
    private readonly byte[] _out = new byte[1500];
    private readonly short[] _narrow = new short[160];
    private short[] _wide = [];
    private ALawDecoder _alawDecoder = null!;
    private ALawEncoder _alawEncoder = null!;
    private IAudioEncoder _opusEncoder = null!;
    private IAudioDecoder _opusDecoder = null!;
    private AudioPipe _pipe = null!;
    private IAudioSource _toOpus = null!;
    private ResamplingSink? _fromOpus;
    private AudioPipe _backPipe = null!;
    private int _opusLength;

    /// <summary>The PCM rate Opus encodes at (8 kHz: no resampling; 48 kHz: the library's default).</summary>
    [Params(8000, 48000)]
    public int OpusRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var registry = AudioCodecRegistry.CreateDefault().AddOpus(new OpusEncoderOptions { SampleRate = OpusRate });
        registry.TryFind("opus", 48000, 2, out var opus);
        _opusEncoder = opus!.EncoderFactory();
        _opusDecoder = opus.DecoderFactory();
        _alawDecoder = new ALawDecoder();
        _alawEncoder = new ALawEncoder();
        for (var n = 0; n < _narrow.Length; n++)
        {
            _narrow[n] = (short)(6000 * Math.Sin(2 * Math.PI * 440 * n / 8000.0));
        }

        new ALawEncoder().Encode(_narrow, _pcma);
        _pipe = new AudioPipe(AudioFormat.Narrowband);
        _toOpus = OpusRate == 8000 ? _pipe : new ResamplingSource(_pipe, OpusRate);
        _wide = new short[OpusRate / 50];
        _backPipe = new AudioPipe(AudioFormat.Narrowband);
        _fromOpus = OpusRate == 8000 ? null : new ResamplingSink(_backPipe, OpusRate);
        _toOpus.ReadFrame(_wide);
        _opusLength = _opusEncoder.Encode(_wide, _opusPacket);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _opusEncoder.Dispose();
        _opusDecoder.Dispose();
    }

    /// <summary>PCMA in, Opus out.</summary>
    [Benchmark(Baseline = true)]
    public int G711ToOpus()
    {
        _alawDecoder.Decode(_pcma, _narrow);
        _pipe.WriteFrame(_narrow);
        _toOpus.ReadFrame(_wide);
        return _opusEncoder.Encode(_wide, _out);
    }

    /// <summary>Opus in, PCMA out.</summary>
    [Benchmark]
    public int OpusToG711()
    {
        var samples = _opusDecoder.Decode(_opusPacket.AsSpan(0, _opusLength), _wide);
        if (_fromOpus is null)
        {
            _backPipe.WriteFrame(_wide.AsSpan(0, samples));
        }
        else
        {
            _fromOpus.WriteFrame(_wide.AsSpan(0, samples));
        }

        _backPipe.ReadFrame(_narrow);
        return _alawEncoder.Encode(_narrow, _out);
    }
}
