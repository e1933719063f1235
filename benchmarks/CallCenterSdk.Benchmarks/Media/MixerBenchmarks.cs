using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Mixing;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>Conference mixing of one 20 ms 8 kHz frame with 10 participants. Target: no allocation, O(N).</summary>
[MemoryDiagnoser]
public class MixerBenchmarks
{
    private const int Participants = 10;
    private readonly short[] _inputs = new short[Participants * 160];
    private readonly short[] _outputs = new short[Participants * 160];
    private readonly int[] _total = new int[160];
    private ConferenceMixer _mixer = null!;

    /// <summary>Fills the participants' frames and builds a port-based conference.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(10);
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = (short)random.Next(-8000, 8000);
        }

        _mixer = new ConferenceMixer(AudioFormat.Narrowband);
        for (int p = 0; p < Participants; p++)
        {
            _mixer.Add($"p{p}", new FrameSource(_inputs.AsMemory(p * 160, 160)), new NullSink());
        }
    }

    /// <summary>The mix-minus-one core over spans.</summary>
    [Benchmark]
    public void MixMinusOne10() => ConferenceMixer.MixMinusOne(_inputs, _outputs, Participants, _total);

    /// <summary>A full clock tick: 10 sources read, mixed, 10 sinks written.</summary>
    [Benchmark]
    public void MixFrame10Participants() => _mixer.MixFrame();

    private sealed class FrameSource(ReadOnlyMemory<short> frame) : IAudioSource
    {
        public AudioFormat Format => AudioFormat.Narrowband;

        public int ReadFrame(Span<short> destination)
        {
            frame.Span.CopyTo(destination);
            return frame.Length;
        }
    }

    private sealed class NullSink : IAudioSink
    {
        public AudioFormat Format => AudioFormat.Narrowband;

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
        }
    }
}
