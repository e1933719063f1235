using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Dtmf;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>In-band DTMF detection per 20 ms frame at 8 and 16 kHz, on a key tone. Target: no allocation.</summary>
[MemoryDiagnoser]
public class DtmfDetectorBenchmarks
{
    private short[] _frame = [];
    private DtmfDetector _detector = null!;

    /// <summary>Sample rate.</summary>
    [Params(8000, 16000)]
    public int SampleRate { get; set; }

    /// <summary>A continuous key '5' tone, so the detector runs its full path every step.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var format = new AudioFormat(SampleRate);
        var generator = new DtmfGenerator("5", format, new DtmfGeneratorOptions { ToneMilliseconds = 20, PauseMilliseconds = 0 });
        _frame = new short[format.SamplesPerFrame];
        generator.ReadFrame(_frame);
        _detector = new DtmfDetector(SampleRate);
    }

    /// <summary>Detect over one frame.</summary>
    [Benchmark]
    public int DetectFrame() => _detector.Process(_frame);
}
