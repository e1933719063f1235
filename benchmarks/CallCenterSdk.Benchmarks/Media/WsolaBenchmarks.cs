using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.TimeScale;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>WSOLA accelerate and expand of one 20 ms frame at 8 kHz of voiced audio. Target: under 5 microseconds.</summary>
[MemoryDiagnoser]
public class WsolaBenchmarks
{
    private readonly WsolaTimeScaler _scaler = new(8000);
    private readonly short[] _output = new short[160];
    private short[] _input = [];

    /// <summary>Builds a voiced signal: five harmonics of 140 Hz.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = new short[_scaler.AccelerateInputNeeded];
        for (int i = 0; i < _input.Length; i++)
        {
            double v = 0;
            for (int k = 1; k <= 5; k++)
            {
                v += Math.Sin(2 * Math.PI * 140 * k * i / 8000) / k;
            }

            _input[i] = (short)(v * 6000);
        }
    }

    /// <summary>Removes one pitch period.</summary>
    [Benchmark]
    public int Accelerate() => _scaler.Accelerate(_input, _output).Consumed;

    /// <summary>Repeats one pitch period.</summary>
    [Benchmark]
    public int Expand() => _scaler.Expand(_input.AsSpan(0, 160), _output).Consumed;
}
