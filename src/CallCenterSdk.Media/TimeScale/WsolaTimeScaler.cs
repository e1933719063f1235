namespace CallCenterSdk.Media.TimeScale;

/// <summary>
/// Time-scale modification by waveform-similarity overlap-add (WSOLA), pitch-synchronous as in WebRTC NetEQ's
/// accelerate and preemptive expand: it searches the lag (2.5 to 15 ms) at which the signal best matches itself
/// (normalized cross-correlation, the "waveform similarity"), then removes or repeats exactly that lag with a
/// raised-cosine cross-fade. Because a whole period is cut or repeated, the pitch is kept while the duration
/// changes. Pure and allocation-free after construction; not thread-safe (one instance per stream).
/// </summary>
public sealed class WsolaTimeScaler
{
    private readonly int _minLag;
    private readonly int _maxLag;
    private readonly int _window;
    private readonly int _decimation;
    private readonly float[] _fade;
    private int _fadeLag;

    /// <summary>Creates a time scaler for a sample rate (8000 to 48000 Hz).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside 8000..48000 Hz.</exception>
    public WsolaTimeScaler(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 48000);
        SampleRate = sampleRate;

        // Pitch of speech lies between about 67 Hz and 400 Hz: lags of 2.5 ms to 15 ms.
        _minLag = sampleRate / 400;
        _maxLag = sampleRate * 15 / 1000;
        _window = sampleRate / 100;
        _decimation = Math.Max(1, sampleRate / 4000);
        _fade = new float[_maxLag + 1];
        FrameSamples = sampleRate / 50;
    }

    /// <summary>The sample rate this scaler was built for.</summary>
    public int SampleRate { get; }

    /// <summary>Samples in one 20 ms frame.</summary>
    public int FrameSamples { get; }

    /// <summary>Shortest period searched (2.5 ms).</summary>
    public int MinLag => _minLag;

    /// <summary>Longest period searched (15 ms).</summary>
    public int MaxLag => _maxLag;

    /// <summary>Input an accelerate of a full frame wants available: the frame plus the longest period.</summary>
    public int AccelerateInputNeeded => FrameSamples + _maxLag;

    /// <summary>Minimum normalized correlation for a change to count as inaudible on voiced (periodic) audio.</summary>
    public double SimilarityThreshold { get; init; } = 0.5;

    /// <summary>
    /// Writes <c>output.Length</c> samples that play <c>output.Length + lag</c> samples of <paramref name="input"/>,
    /// removing one period. <paramref name="input"/> should hold at least <see cref="AccelerateInputNeeded"/>
    /// samples. When the audio is not periodic enough, copies the input unchanged (lag 0).
    /// </summary>
    /// <param name="input">The audio to play, at least the output length.</param>
    /// <param name="output">Receives the shortened audio.</param>
    /// <param name="maxLag">Longest period the caller allows to be removed.</param>
    /// <exception cref="ArgumentException">The input is shorter than the output.</exception>
    public TimeScaleResult Accelerate(ReadOnlySpan<short> input, Span<short> output, int maxLag = int.MaxValue)
    {
        int n = output.Length;
        if (input.Length < n)
        {
            throw new ArgumentException($"Accelerate needs at least {n} input samples, got {input.Length}.", nameof(input));
        }

        // The lag may not exceed what the input holds beyond the frame, nor the frame itself.
        maxLag = Math.Min(maxLag, Math.Min(Math.Min(_maxLag, input.Length - n), Math.Min(n, input.Length - _window)));
        var (lag, similarity) = maxLag >= _minLag ? FindLag(input, maxLag) : (0, 0.0);
        if (lag == 0 || (similarity < SimilarityThreshold && !IsQuiet(input[..(lag + _window)])))
        {
            input[..n].CopyTo(output);
            return new TimeScaleResult(n, 0, similarity);
        }

        // out[j] = x[j] faded out while x[j + lag] fades in over one period, then the input resumes one period later.
        PrepareFade(lag);
        for (int j = 0; j < lag; j++)
        {
            float w = _fade[j];
            output[j] = Saturate((input[j] * (1f - w)) + (input[j + lag] * w));
        }

        input.Slice(2 * lag, n - lag).CopyTo(output[lag..]);
        return new TimeScaleResult(n + lag, lag, similarity);
    }

    /// <summary>
    /// Writes <c>output.Length</c> samples that play only <c>output.Length - lag</c> samples of
    /// <paramref name="input"/>, repeating one period. <paramref name="input"/> must hold at least
    /// <c>output.Length</c> samples. When the audio is not periodic enough, copies it unchanged (lag 0).
    /// </summary>
    /// <exception cref="ArgumentException">The input is shorter than the output.</exception>
    public TimeScaleResult Expand(ReadOnlySpan<short> input, Span<short> output)
    {
        int n = output.Length;
        if (input.Length < n)
        {
            throw new ArgumentException($"Expand needs at least {n} input samples, got {input.Length}.", nameof(input));
        }

        // Reads reach x[2 * lag - 1] and the similarity window x[lag + window - 1].
        int maxLag = Math.Min(Math.Min(_maxLag, n / 2), input.Length - _window);
        var (lag, similarity) = maxLag >= _minLag ? FindLag(input, maxLag) : (0, 0.0);
        if (lag == 0 || (similarity < SimilarityThreshold && !IsQuiet(input[..(lag + _window)])))
        {
            input[..n].CopyTo(output);
            return new TimeScaleResult(n, 0, similarity);
        }

        // The first period plays as is, then x[lag..] fades into a repeat of x[0..] so the period sounds twice.
        PrepareFade(lag);
        input[..lag].CopyTo(output);
        for (int j = 0; j < lag; j++)
        {
            float w = _fade[j];
            output[lag + j] = Saturate((input[lag + j] * (1f - w)) + (input[j] * w));
        }

        input.Slice(lag, n - (2 * lag)).CopyTo(output[(2 * lag)..]);
        return new TimeScaleResult(n - lag, lag, similarity);
    }

    /// <summary>
    /// Lengthens audio that is too short for a frame because the next packet is not there yet (NetEQ's preemptive
    /// expand, done at the last moment): writes <c>output.Length</c> samples that play only the first
    /// <c>output.Length - lag</c> of the <paramref name="available"/> unplayed samples, one period of them repeated
    /// just before the point where playback stops (the samples after it stay for the next frame, and continue
    /// the repeated period without a jump). The lag is at least the shortfall and is searched, like the other
    /// operations, as the best normalized cross-correlation just before that point; already played samples in
    /// front of the unplayed ones serve as the reference, never as output. Nothing is written (lag 0) when no
    /// lag fits or the audio is loud and not periodic enough: the caller conceals instead.
    /// </summary>
    /// <param name="stream">The recent signal in order: played samples, then the <paramref name="available"/> unplayed ones at the end.</param>
    /// <param name="available">How many of the last samples of <paramref name="stream"/> have not been played (fewer than the output).</param>
    /// <param name="output">Receives the lengthened audio.</param>
    /// <exception cref="ArgumentException"><paramref name="available"/> is negative, more than the stream, or not shorter than the output.</exception>
    public TimeScaleResult Stretch(ReadOnlySpan<short> stream, int available, Span<short> output)
    {
        int n = output.Length;
        if (available < 0 || available > stream.Length || available >= n)
        {
            throw new ArgumentException($"Stretch needs fewer than {n} available samples within the stream of {stream.Length}, got {available}.", nameof(available));
        }

        // The junction (start + n - lag) keeps at least a shortest period of unplayed audio before it, and the
        // reference window one period earlier must lie inside the stream.
        int start = stream.Length - available;
        int minLag = Math.Max(_minLag, n - available);
        int maxLag = Math.Min(Math.Min(_maxLag, n - _minLag), (start + n - _window) / 2);
        if (maxLag < minLag)
        {
            return new TimeScaleResult(0, 0, 0);
        }

        var (lag, similarity) = FindJunctionLag(stream, start + n, minLag, maxLag);
        int junction = start + n - lag;
        if (lag == 0 || (similarity < SimilarityThreshold && !IsQuiet(stream[(junction - lag - _window)..junction])))
        {
            return new TimeScaleResult(0, 0, similarity);
        }

        // Play up to the junction, fading the last samples into their counterparts one period earlier, then the
        // period before the junction once more: the next frame resumes at the junction, which follows it.
        int keep = n - lag;
        int fade = Math.Min(Math.Min(lag, keep), start + keep - lag);
        var unplayed = stream[start..];
        unplayed[..(keep - fade)].CopyTo(output);
        PrepareFade(fade);
        for (int j = 0; j < fade; j++)
        {
            float w = _fade[j];
            int at = keep - fade + j;
            output[at] = Saturate((unplayed[at] * (1f - w)) + (stream[start + at - lag] * w));
        }

        stream.Slice(junction - lag, lag).CopyTo(output[keep..]);
        return new TimeScaleResult(keep, lag, similarity);
    }

    /// <summary>
    /// Finds the period in [min, maxLag] where x[0..window) best matches x[lag..lag+window): a coarse search on a
    /// decimated signal, then a full-rate refinement around the best coarse lag.
    /// </summary>
    internal (int Lag, double Similarity) FindLag(ReadOnlySpan<short> x, int maxLag)
    {
        int d = _decimation;
        int bestLag = 0;
        double bestScore = double.NegativeInfinity;
        long coarseEnergy = Energy(x[.._window], d);
        for (int lag = _minLag; lag <= maxLag; lag += d)
        {
            double score = Correlation(x, lag, d, coarseEnergy);
            if (score > bestScore)
            {
                bestScore = score;
                bestLag = lag;
            }
        }

        int from = Math.Max(_minLag, bestLag - d + 1);
        int to = Math.Min(maxLag, bestLag + d - 1);
        bestScore = double.NegativeInfinity;
        long fineEnergy = Energy(x[.._window], 1);
        for (int lag = from; lag <= to; lag++)
        {
            double score = Correlation(x, lag, 1, fineEnergy);
            if (score > bestScore)
            {
                bestScore = score;
                bestLag = lag;
            }
        }

        return (bestLag, bestScore);
    }

    /// <summary>
    /// For <see cref="Stretch"/>: the lag in [minLag, maxLag] where the window ending at the junction
    /// (<paramref name="end"/> - lag) best matches the window one lag earlier; coarse, then refined.
    /// </summary>
    private (int Lag, double Similarity) FindJunctionLag(ReadOnlySpan<short> x, int end, int minLag, int maxLag)
    {
        // Coarse scan; then the shortest lag whose match is a peak nearly as good as the best one, so a single
        // period is repeated rather than two of them.
        int d = _decimation;
        Span<double> scores = stackalloc double[(_maxLag / d) + 2];
        int count = 0;
        double bestScore = double.NegativeInfinity;
        for (int lag = minLag; lag <= maxLag; lag += d)
        {
            double score = JunctionCorrelation(x, end - lag, lag, d);
            scores[count++] = score;
            bestScore = Math.Max(bestScore, score);
        }

        int pick = 0;
        for (int i = 0; i < count; i++)
        {
            bool peak = (i == 0 || scores[i] >= scores[i - 1]) && (i == count - 1 || scores[i] >= scores[i + 1]);
            bool interior = i > 0 && i < count - 1;
            if (scores[i] >= bestScore - 0.05 && ((peak && interior) || scores[i] == bestScore))
            {
                pick = i;
                break;
            }
        }

        int coarse = minLag + (pick * d);
        int from = Math.Max(minLag, coarse - d + 1);
        int to = Math.Min(maxLag, coarse + d - 1);
        int bestLag = coarse;
        bestScore = double.NegativeInfinity;
        for (int lag = from; lag <= to; lag++)
        {
            double score = JunctionCorrelation(x, end - lag, lag, 1);
            if (score > bestScore)
            {
                bestScore = score;
                bestLag = lag;
            }
        }

        return (bestLag, bestScore);
    }

    private double JunctionCorrelation(ReadOnlySpan<short> x, int junction, int lag, int step)
    {
        var a = x.Slice(junction - _window, _window);
        var b = x.Slice(junction - lag - _window, _window);
        long cross = 0, e0 = 0, e1 = 0;
        for (int i = 0; i < a.Length; i += step)
        {
            int p = a[i], q = b[i];
            cross += p * q;
            e0 += p * p;
            e1 += q * q;
        }

        return e0 == 0 || e1 == 0 ? 0 : cross / Math.Sqrt((double)e0 * e1);
    }

    private static long Energy(ReadOnlySpan<short> x, int step)
    {
        long energy = 0;
        for (int i = 0; i < x.Length; i += step)
        {
            energy += x[i] * x[i];
        }

        return energy;
    }

    private double Correlation(ReadOnlySpan<short> x, int lag, int step, long e0)
    {
        long cross = 0, e1 = 0;
        var a = x[.._window];
        var b = x.Slice(lag, _window);
        for (int i = 0; i < a.Length; i += step)
        {
            int p = a[i], q = b[i];
            cross += p * q;
            e1 += q * q;
        }

        if (e0 == 0 || e1 == 0)
        {
            return 0;
        }

        return cross / Math.Sqrt((double)e0 * e1);
    }

    private static bool IsQuiet(ReadOnlySpan<short> x)
    {
        // Below about -50 dBov a cut is inaudible whatever the waveform.
        long energy = 0;
        foreach (short s in x)
        {
            energy += s * s;
        }

        return energy < 100L * 100L * x.Length;
    }

    private void PrepareFade(int lag)
    {
        // Raised-cosine weights 0..1 over one period; recomputed only when the lag changes.
        if (_fadeLag == lag)
        {
            return;
        }

        for (int j = 0; j < lag; j++)
        {
            _fade[j] = 0.5f - (0.5f * MathF.Cos(MathF.PI * j / lag));
        }

        _fadeLag = lag;
    }

    private static short Saturate(float v) => (short)Math.Clamp(MathF.Round(v), short.MinValue, short.MaxValue);
}
