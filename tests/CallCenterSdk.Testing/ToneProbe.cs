using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Testing;

/// <summary>
/// Shared by the call and hosting tests. Listens to a leg and measures, per frame, how much of the energy sits at each of a few frequencies
/// (Goertzel). A frame "has" a tone when that frequency holds most of the frame's energy.
/// </summary>
public sealed class ToneProbe : IAudioSink
{
    private readonly double[] _frequencies;
    private readonly int[] _framesWith;
    private readonly object _gate = new();
    private int _frames;
    private int _loudFrames;

    public ToneProbe(int sampleRate, params double[] frequencies)
    {
        Format = new AudioFormat(sampleRate);
        _frequencies = frequencies;
        _framesWith = new int[frequencies.Length];
    }

    public AudioFormat Format { get; }

    public int Frames
    {
        get { lock (_gate) { return _frames; } }
    }

    public int LoudFrames
    {
        get { lock (_gate) { return _loudFrames; } }
    }

    public int FramesWith(double frequency)
    {
        lock (_gate)
        {
            return _framesWith[Array.IndexOf(_frequencies, frequency)];
        }
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        double total = 0;
        foreach (var s in frame)
        {
            total += (double)s * s;
        }

        lock (_gate)
        {
            _frames++;
            if (total / frame.Length < 100 * 100)
            {
                return; // quieter than about -50 dBFS: silence
            }

            _loudFrames++;
            for (var i = 0; i < _frequencies.Length; i++)
            {
                // Goertzel power relative to the frame energy: 1.0 for a pure tone at that frequency.
                var power = Goertzel(frame, _frequencies[i], Format.SampleRate);
                if (power / (total * frame.Length / 2) > 0.5)
                {
                    _framesWith[i]++;
                }
            }
        }
    }

    private static double Goertzel(ReadOnlySpan<short> samples, double frequency, int rate)
    {
        var w = 2 * Math.PI * frequency / rate;
        var coefficient = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
    }
}
