using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Resampling;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>Polyphase resampling of one 20 ms frame between 8, 16 and 48 kHz. Target: no allocation.</summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private short[] _input = [];
    private short[] _output = [];
    private PolyphaseResampler _resampler = null!;

    /// <summary>Conversion as "from-to" in Hz.</summary>
    [Params("8000-16000", "16000-8000", "8000-48000", "48000-8000", "16000-48000", "48000-16000")]
    public string Conversion { get; set; } = "8000-16000";

    /// <summary>Builds the resampler and a tone frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Conversion.Split('-');
        int from = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int to = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        _resampler = new PolyphaseResampler(from, to);
        _input = new short[from / 50];
        _output = new short[to / 50];
        for (int n = 0; n < _input.Length; n++)
        {
            _input[n] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * n / from));
        }
    }

    /// <summary>Resample one frame.</summary>
    [Benchmark]
    public int ResampleFrame() => _resampler.Process(_input, _output);
}
