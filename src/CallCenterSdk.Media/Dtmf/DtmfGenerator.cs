using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// Plays a string of DTMF keys in-band as an <see cref="IAudioSource"/>: each key's two tones for
/// <see cref="DtmfGeneratorOptions.ToneMilliseconds"/>, then a pause. The source ends after the last pause.
/// Works at any sample rate (8 and 16 kHz in telephony); no allocation per frame.
/// </summary>
public sealed class DtmfGenerator : IAudioSource
{
    private readonly string _keys;
    private readonly DtmfGeneratorOptions _options;
    private readonly int _toneSamples;
    private readonly int _pauseSamples;
    private int _keyIndex;
    private int _position;
    private SineOscillator _low;
    private SineOscillator _high;

    /// <summary>Creates a generator for <paramref name="keys"/> (0-9, *, #, A-D).</summary>
    /// <exception cref="ArgumentException">A character is not a DTMF key, or the format is not mono.</exception>
    public DtmfGenerator(string keys, AudioFormat format, DtmfGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (format.Channels != 1)
        {
            throw new ArgumentException("DTMF is generated as mono.", nameof(format));
        }

        foreach (char key in keys)
        {
            _ = DtmfFrequencies.Of(key);
        }

        _options = options ?? new DtmfGeneratorOptions();
        if (_options.ToneMilliseconds <= 0 || _options.PauseMilliseconds < 0)
        {
            throw new ArgumentException("DTMF tone length must be positive and the pause not negative.", nameof(options));
        }

        _keys = keys.ToUpperInvariant();
        Format = format;
        _toneSamples = (int)((long)_options.ToneMilliseconds * format.SampleRate / 1000);
        _pauseSamples = (int)((long)_options.PauseMilliseconds * format.SampleRate / 1000);
        if (_keys.Length > 0)
        {
            StartKey();
        }
    }

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <summary>True once every key and its pause has been played.</summary>
    public bool Ended => _keyIndex >= _keys.Length;

    /// <inheritdoc />
    public int ReadFrame(Span<short> frame)
    {
        int written = 0;
        while (written < frame.Length && !Ended)
        {
            if (_position < _toneSamples)
            {
                int run = Math.Min(frame.Length - written, _toneSamples - _position);
                for (int i = 0; i < run; i++)
                {
                    double value = _low.Next() + _high.Next();
                    frame[written + i] = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
                }

                _low.Renormalise();
                _high.Renormalise();
                _position += run;
                written += run;
            }
            else if (_position < _toneSamples + _pauseSamples)
            {
                int run = Math.Min(frame.Length - written, _toneSamples + _pauseSamples - _position);
                frame.Slice(written, run).Clear();
                _position += run;
                written += run;
            }
            else
            {
                _keyIndex++;
                if (!Ended)
                {
                    StartKey();
                }
            }
        }

        return written;
    }

    private void StartKey()
    {
        var (low, high) = DtmfFrequencies.Of(_keys[_keyIndex]);
        _low = new SineOscillator(low * (1 + _options.LowFrequencyDeviation), Format.SampleRate, Dbm0.ToPeak(_options.LowLevelDbm0));
        _high = new SineOscillator(high * (1 + _options.HighFrequencyDeviation), Format.SampleRate, Dbm0.ToPeak(_options.HighLevelDbm0));
        _position = 0;
    }
}
