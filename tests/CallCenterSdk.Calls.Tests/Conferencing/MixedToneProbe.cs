using System.Globalization;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Calls.Tests.Conferencing;

/// <summary>
/// Checks who hears which tones when several play at once (a conference, a barge): per 20 ms frame, the share of
/// the frame's energy at each tone (1.0 for that tone alone, about 1/k when k tones of equal level are mixed). A
/// frame "has" a tone above <see cref="PresentShare"/>, well above leakage and codec noise.
/// </summary>
internal sealed class MixedToneProbe : IAudioSink
{
    public const double PresentShare = 0.12;

    private readonly double[] _tones;
    private readonly int[] _framesWith;
    private readonly object _gate = new();
    private int _frames;
    private int _loudFrames;

    public MixedToneProbe(int sampleRate, IReadOnlyList<double> tones)
    {
        Format = new AudioFormat(sampleRate);
        _tones = [.. tones];
        _framesWith = new int[_tones.Length];
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

    public int FramesWith(double tone)
    {
        lock (_gate)
        {
            return _framesWith[Array.IndexOf(_tones, tone)];
        }
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        double energy = 0;
        foreach (var s in frame)
        {
            energy += (double)s * s;
        }

        var shares = new double[_tones.Length];
        for (var t = 0; t < _tones.Length; t++)
        {
            // |DFT term|^2 / (N/2 * energy): a pure tone at that frequency gives 1.
            double re = 0, im = 0;
            var w = 2 * Math.PI * _tones[t] / Format.SampleRate;
            for (var n = 0; n < frame.Length; n++)
            {
                re += frame[n] * Math.Cos(w * n);
                im -= frame[n] * Math.Sin(w * n);
            }

            shares[t] = energy == 0 ? 0 : ((re * re) + (im * im)) / (frame.Length / 2.0 * energy);
        }

        lock (_gate)
        {
            _frames++;
            if (energy / frame.Length < 100 * 100)
            {
                return; // below about -50 dBFS: silence
            }

            _loudFrames++;
            for (var t = 0; t < _tones.Length; t++)
            {
                if (shares[t] > PresentShare)
                {
                    _framesWith[t]++;
                }
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return $"{_frames} frames, {_loudFrames} loud, " + string.Join(", ", _tones.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"{t} Hz in {_framesWith[i]}")));
        }
    }
}
