using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Media.Resampling;

/// <summary>
/// An <see cref="IAudioSource"/> that presents another mono source at a different sample rate (an 8 kHz prompt
/// on a 16 kHz leg), converting one 20 ms frame at a time.
/// </summary>
public sealed class ResamplingSource : IAudioSource
{
    private readonly IAudioSource _inner;
    private readonly PolyphaseResampler _resampler;
    private readonly short[] _frame;
    private bool _ended;

    /// <summary>Wraps <paramref name="inner"/> so that it produces frames at <paramref name="outputRate"/>.</summary>
    public ResamplingSource(IAudioSource inner, int outputRate)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.Format.Channels != 1)
        {
            throw new ArgumentException("Only mono sources can be resampled.", nameof(inner));
        }

        _inner = inner;
        _resampler = new PolyphaseResampler(inner.Format.SampleRate, outputRate, inner.Format.SamplesPerFrame);
        _frame = new short[inner.Format.SamplesPerFrame];
        Format = new AudioFormat(outputRate);
    }

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <inheritdoc />
    public int ReadFrame(Span<short> frame)
    {
        if (_ended)
        {
            return 0;
        }

        int n = _inner.ReadFrame(_frame);
        if (n < _frame.Length)
        {
            _ended = true;
            if (n == 0)
            {
                return 0;
            }

            // Flush the filter with silence so the tail of the source is not cut short.
            _frame.AsSpan(n).Clear();
        }

        int produced = _resampler.Process(_frame, frame);
        return _ended ? Math.Min(produced, (int)((long)n * Format.SampleRate / _inner.Format.SampleRate)) : produced;
    }
}
