using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>
/// One or two summed sine waves for a fixed time: the record beep and simple cue tones. Phase is carried
/// between frames so the tone has no clicks at frame boundaries.
/// </summary>
internal sealed class ToneSource : IAudioSource
{
    private readonly double _step1;
    private readonly double _step2;
    private readonly double _amplitude;
    private readonly bool _dual;
    private int _remaining;
    private double _phase1;
    private double _phase2;

    public ToneSource(AudioFormat format, int frequency1, int frequency2, TimeSpan duration, double level)
    {
        Format = format;
        _step1 = 2 * Math.PI * frequency1 / format.SampleRate;
        _step2 = 2 * Math.PI * frequency2 / format.SampleRate;
        _dual = frequency2 > 0;
        _amplitude = level * short.MaxValue / (_dual ? 2 : 1);
        _remaining = (int)Math.Round(duration.TotalSeconds * format.SampleRate) * format.Channels;
    }

    public AudioFormat Format { get; }

    public int ReadFrame(Span<short> frame)
    {
        int count = Math.Min(frame.Length, _remaining);
        for (int i = 0; i < count; i += Format.Channels)
        {
            double sample = Math.Sin(_phase1) + (_dual ? Math.Sin(_phase2) : 0);
            short value = (short)Math.Round(sample * _amplitude);
            for (int c = 0; c < Format.Channels && i + c < count; c++)
            {
                frame[i + c] = value;
            }

            _phase1 += _step1;
            _phase2 += _step2;
        }

        _phase1 %= 2 * Math.PI;
        _phase2 %= 2 * Math.PI;
        _remaining -= count;
        return count;
    }
}
