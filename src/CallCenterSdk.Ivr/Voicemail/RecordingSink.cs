using CallCenterSdk.Media.Audio;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>
/// Collects the caller's audio for a recording and decides when it ends: maximum length, or silence
/// (measured per 20 ms frame by RMS level) for the silence timeout. Time is counted in samples, so the
/// media clock that pushes frames is the recording's clock.
/// </summary>
internal sealed class RecordingSink : IAudioSink
{
    private readonly RecordingOptions _options;
    private readonly int _maxSamples;
    private readonly int _silenceSamples;
    private readonly TaskCompletionSource<RecordingEnd> _end = new();
    private readonly Lock _lock = new();
    private short[] _buffer;
    private int _count;
    private int _firstVoice = -1;
    private int _lastVoiceEnd = -1;

    public RecordingSink(AudioFormat format, RecordingOptions options)
    {
        Format = format;
        _options = options;
        _maxSamples = (int)Math.Min(int.MaxValue / 2, options.MaxLength.TotalSeconds * format.SampleRate * format.Channels);
        _silenceSamples = options.SilenceTimeout is { } s ? (int)(s.TotalSeconds * format.SampleRate * format.Channels) : int.MaxValue;
        _buffer = new short[Math.Min(_maxSamples, format.SampleRate * format.Channels * 10)];
    }

    public AudioFormat Format { get; }

    public Task<RecordingEnd> Ended => _end.Task;

    public bool HeardVoice => _firstVoice >= 0;

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        RecordingEnd? end = null;
        lock (_lock)
        {
            if (_end.Task.IsCompleted)
            {
                return;
            }

            int take = Math.Min(frame.Length, _maxSamples - _count);
            if (_count + take > _buffer.Length)
            {
                Array.Resize(ref _buffer, (int)Math.Min(_maxSamples, Math.Max((long)_buffer.Length * 2, _count + take)));
            }

            frame[..take].CopyTo(_buffer.AsSpan(_count));
            if (Rms(frame[..take]) >= _options.SilenceThreshold)
            {
                if (_firstVoice < 0)
                {
                    _firstVoice = _count;
                }

                _lastVoiceEnd = _count + take;
            }

            _count += take;
            int silentSince = _lastVoiceEnd < 0 ? 0 : _lastVoiceEnd;
            if (_count >= _maxSamples)
            {
                end = RecordingEnd.MaxLength;
            }
            else if (_count - silentSince >= _silenceSamples)
            {
                end = RecordingEnd.Silence;
            }
        }

        if (end is { } e)
        {
            _end.TrySetResult(e);
        }
    }

    public void End(RecordingEnd reason) => _end.TrySetResult(reason);

    /// <summary>The recording, trimmed to the voiced part when asked (the finish key's tone is voiced too, so it is cut when the key ended it).</summary>
    public PcmAudio ToAudio(RecordingEnd end, TimeSpan keyToneTrim)
    {
        lock (_lock)
        {
            int start = 0;
            int stop = _count;
            if (end == RecordingEnd.Key)
            {
                stop = Math.Max(0, stop - (int)(keyToneTrim.TotalSeconds * Format.SampleRate * Format.Channels));
            }

            if (_options.TrimSilence)
            {
                if (_firstVoice < 0)
                {
                    return new PcmAudio(Format, []);
                }

                // Keep 100 ms around the voice so words are not clipped.
                int margin = Format.SampleRate * Format.Channels / 10;
                start = Math.Max(0, _firstVoice - margin);
                stop = Math.Min(stop, _lastVoiceEnd + margin);
                stop = Math.Max(start, stop);
            }

            return new PcmAudio(Format, _buffer.AsSpan(start, stop - start).ToArray());
        }
    }

    private static double Rms(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (short s in frame)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / frame.Length);
    }
}
