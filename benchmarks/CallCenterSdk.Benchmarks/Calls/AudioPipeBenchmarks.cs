using BenchmarkDotNet.Attributes;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Benchmarks.Calls;

/// <summary>One 20 ms frame through an <see cref="AudioPipe"/> (a bridge direction when transcoding, a monitor's ear): write then read.</summary>
[MemoryDiagnoser]
public class AudioPipeBenchmarks
{
    private readonly short[] _in = new short[960];
    private readonly short[] _out = new short[960];
    private AudioPipe _pipe = null!;

    /// <summary>The pipe's sample rate.</summary>
    [Params(8000, 48000)]
    public int Rate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pipe = new AudioPipe(new AudioFormat(Rate));
        for (var i = 0; i < _in.Length; i++)
        {
            _in[i] = (short)(i * 37);
        }
    }

    /// <summary>Write one frame, read it back.</summary>
    [Benchmark]
    public int WriteThenRead()
    {
        var samples = _pipe.Format.SamplesPerFrame;
        _pipe.WriteFrame(_in.AsSpan(0, samples));
        return _pipe.ReadFrame(_out.AsSpan(0, samples));
    }
}
