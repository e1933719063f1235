using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Resampling;

namespace CallCenterSdk.Calls.Media;

/// <summary>
/// Presents a mono sink at another sample rate: frames written at <see cref="Format"/> reach the inner sink at
/// its own rate (a 16 kHz leg recorded into an 8 kHz file, an 48 kHz Opus leg into an 8 kHz DTMF detector).
/// </summary>
public sealed class ResamplingSink : IAudioSink
{
    private readonly IAudioSink _inner;
    private readonly PolyphaseResampler _resampler;
    private readonly short[] _buffer;

    /// <summary>Wraps <paramref name="inner"/> so that it accepts frames at <paramref name="inputRate"/>.</summary>
    public ResamplingSink(IAudioSink inner, int inputRate)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.Format.Channels != 1)
        {
            throw new ArgumentException("Only mono sinks can be resampled.", nameof(inner));
        }

        _inner = inner;
        Format = new AudioFormat(inputRate);
        _resampler = new PolyphaseResampler(inputRate, inner.Format.SampleRate, Format.SamplesPerFrame);
        _buffer = new short[_resampler.OutputLengthFor(Format.SamplesPerFrame) + 8];
    }

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        var n = _resampler.Process(frame, _buffer);
        if (n > 0)
        {
            _inner.WriteFrame(_buffer.AsSpan(0, n));
        }
    }

    /// <summary>Adapts <paramref name="sink"/> to <paramref name="rate"/> when its rate differs.</summary>
    public static IAudioSink Adapt(IAudioSink sink, int rate) =>
        sink.Format.SampleRate == rate ? sink : new ResamplingSink(sink, rate);
}
