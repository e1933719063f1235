using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Media.Tones;

/// <summary>
/// Plays a <see cref="ToneDefinition"/> as an <see cref="IAudioSource"/>: sample-accurate cadence, phase kept
/// continuous across frames, no allocation per frame. A repeating tone never ends; a one-shot tone (a beep)
/// ends after its cadence.
/// </summary>
public sealed class ToneGenerator : IAudioSource
{
    private readonly SineOscillator[] _oscillators;
    private readonly int[] _segmentSamples;
    private readonly bool[] _segmentOn;
    private readonly bool _repeat;
    private int _segment;
    private int _samplesLeftInSegment;
    private bool _ended;

    /// <summary>Creates a generator for <paramref name="tone"/> at the sample rate of <paramref name="format"/> (mono).</summary>
    public ToneGenerator(ToneDefinition tone, AudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(tone);
        if (format.Channels != 1)
        {
            throw new ArgumentException("Tones are generated as mono.", nameof(format));
        }

        if (tone.Frequencies.Count == 0 || tone.Frequencies.Any(f => f <= 0 || f >= format.SampleRate / 2.0))
        {
            throw new ArgumentException($"Tone '{tone.Name}' needs frequencies between 0 and {format.SampleRate / 2} Hz.", nameof(tone));
        }

        if (tone.Cadence.Any(s => s.Milliseconds <= 0))
        {
            throw new ArgumentException($"Tone '{tone.Name}' has a cadence step that is not positive.", nameof(tone));
        }

        Format = format;
        Tone = tone;
        double peak = Tones.Dbm0.ToPeak(tone.LevelDbm0);
        _oscillators = [.. tone.Frequencies.Select(f => new SineOscillator(f, format.SampleRate, peak))];
        _segmentSamples = tone.Cadence.Count == 0
            ? [int.MaxValue]
            : [.. tone.Cadence.Select(s => (int)((long)s.Milliseconds * format.SampleRate / 1000))];
        _segmentOn = tone.Cadence.Count == 0 ? [true] : [.. tone.Cadence.Select(s => s.On)];
        _repeat = tone.Repeat || tone.Cadence.Count == 0;
        _samplesLeftInSegment = _segmentSamples[0];
    }

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <summary>The tone being played.</summary>
    public ToneDefinition Tone { get; }

    /// <inheritdoc />
    public int ReadFrame(Span<short> frame)
    {
        int written = 0;
        while (written < frame.Length && !_ended)
        {
            if (_samplesLeftInSegment == 0)
            {
                if (++_segment == _segmentSamples.Length)
                {
                    if (!_repeat)
                    {
                        _ended = true;
                        break;
                    }

                    _segment = 0;
                }

                _samplesLeftInSegment = _segmentSamples[_segment];
                continue;
            }

            int run = Math.Min(frame.Length - written, _samplesLeftInSegment);
            var span = frame.Slice(written, run);
            if (_segmentOn[_segment])
            {
                Render(span);
            }
            else
            {
                span.Clear();
            }

            written += run;
            if (_samplesLeftInSegment != int.MaxValue)
            {
                _samplesLeftInSegment -= run;
            }
        }

        return written;
    }

    private void Render(Span<short> span)
    {
        for (int i = 0; i < span.Length; i++)
        {
            double sum = 0;
            for (int k = 0; k < _oscillators.Length; k++)
            {
                sum += _oscillators[k].Next();
            }

            span[i] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }

        for (int k = 0; k < _oscillators.Length; k++)
        {
            _oscillators[k].Renormalise();
        }
    }
}
