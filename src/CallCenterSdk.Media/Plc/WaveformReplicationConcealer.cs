namespace CallCenterSdk.Media.Plc;

/// <summary>
/// Packet-loss concealment by pitch waveform replication, following ITU-T G.711 Appendix I, for codecs without
/// a concealment of their own (G.711, G.722, L16). It keeps a short history of the decoded signal; on a loss it
/// finds the pitch period by normalized cross-correlation, repeats the last period (then the last two, then
/// three, so a long gap does not buzz), fades the repetition out by 20 % per 10 ms after the first 10 ms (silent
/// after 60 ms), and cross-fades back into the real signal when packets return. Output is delayed by
/// <see cref="DelaySamples"/> (3.75 ms) so the start of a loss can be smoothed with samples not yet played
/// (G.711 Appendix I §I.2.1). Constants are those of the Appendix at 8 kHz, scaled with the sample rate.
/// Pure and allocation-free after construction; one instance per stream.
/// </summary>
public sealed class WaveformReplicationConcealer
{
    private readonly int _pitchMin;
    private readonly int _pitchMax;
    private readonly int _overlapMax;
    private readonly int _historyLength;
    private readonly int _correlationLength;
    private readonly int _chunk;
    private readonly int _overlapIncrement;
    private readonly int _decimation;
    private readonly short[] _history;
    private readonly float[] _pitchBuffer;
    private readonly short[] _work;

    private int _pitch;
    private int _overlap;
    private int _periods;
    private int _position;
    private int _erasedSamples;

    /// <summary>Creates a concealer for a sample rate that is a multiple of 8000 Hz (8, 16, 24, 32, 48 kHz).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive multiple of 8000 up to 48000.</exception>
    public WaveformReplicationConcealer(int sampleRate)
    {
        if (sampleRate <= 0 || sampleRate % 8000 != 0 || sampleRate > 48000)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "G.711 Appendix I concealment needs a multiple of 8000 Hz up to 48000 Hz.");
        }

        int f = sampleRate / 8000;
        SampleRate = sampleRate;

        // G.711 Appendix I constants at 8 kHz: pitch 40..120 samples (66..200 Hz), overlap up to a quarter of the
        // longest period (30), 10 ms frames, 20 ms correlation window, overlap growing 4 ms per lost frame.
        _pitchMin = 40 * f;
        _pitchMax = 120 * f;
        _overlapMax = _pitchMax / 4;
        _historyLength = (_pitchMax * 3) + _overlapMax;
        _correlationLength = 160 * f;
        _chunk = 80 * f;
        _overlapIncrement = 32 * f;
        _decimation = 2 * f;
        _history = new short[_historyLength];
        _pitchBuffer = new float[_pitchMax * 3];
        _work = new short[_chunk];
    }

    /// <summary>The sample rate this concealer works at.</summary>
    public int SampleRate { get; }

    /// <summary>Delay the concealer adds to the signal, in samples (30 at 8 kHz: 3.75 ms).</summary>
    public int DelaySamples => _overlapMax;

    /// <summary>True while the last call was a concealment (the next good call cross-fades).</summary>
    public bool IsConcealing => _erasedSamples > 0;

    /// <summary>The pitch period, in samples, found at the start of the current or last loss.</summary>
    public int LastPitch => _pitch;

    /// <summary>Clears the history (a new stream or source).</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _erasedSamples = 0;
        _pitch = 0;
    }

    /// <summary>
    /// Passes received samples through: they come back in place, delayed by <see cref="DelaySamples"/>, and
    /// cross-faded from the concealment when they end a loss.
    /// </summary>
    public void Good(Span<short> samples)
    {
        while (!samples.IsEmpty)
        {
            int n = Math.Min(samples.Length, _chunk);
            var work = _work.AsSpan(0, n);
            samples[..n].CopyTo(work);
            if (_erasedSamples > 0)
            {
                // G.711 Appendix I §I.2.3: the cross-fade into real speech lengthens by 4 ms per lost 10 ms.
                int lostFrames = (_erasedSamples + _chunk - 1) / _chunk;
                int overlap = Math.Min(n, Math.Min(_chunk, _overlap + ((lostFrames - 1) * _overlapIncrement)));
                for (int i = 0; i < overlap; i++)
                {
                    float w = (i + 1f) / (overlap + 1f);
                    work[i] = Round((NextSynthetic() * (1f - w)) + (work[i] * w));
                }

                _erasedSamples = 0;
            }

            Emit(work, samples[..n]);
            samples = samples[n..];
        }
    }

    /// <summary>Fills <paramref name="output"/> with concealment for lost audio (delayed like <see cref="Good"/>).</summary>
    public void Conceal(Span<short> output)
    {
        while (!output.IsEmpty)
        {
            int n = Math.Min(output.Length, _chunk);
            if (_erasedSamples == 0)
            {
                StartConcealment();
            }

            var work = _work.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                work[i] = Round(NextSynthetic());
            }

            Emit(work, output[..n]);
            output = output[n..];
        }
    }

    private static short Round(float v) => (short)Math.Clamp(MathF.Round(v), short.MinValue, short.MaxValue);

    private void Emit(ReadOnlySpan<short> undelayed, Span<short> output)
    {
        // Output is the signal delayed by the overlap: first the unplayed tail of the history, then the new
        // samples; all plain copies, so the good-packet path costs a few memory moves.
        int n = undelayed.Length;
        var h = _history.AsSpan();
        int fromHistory = Math.Min(n, _overlapMax);
        h.Slice(_historyLength - _overlapMax, fromHistory).CopyTo(output);
        undelayed[..(n - fromHistory)].CopyTo(output[fromHistory..]);
        h[n..].CopyTo(h);
        undelayed.CopyTo(h[(_historyLength - n)..]);
    }

    private void StartConcealment()
    {
        _pitch = FindPitch();
        _overlap = Math.Min(_pitch / 4, _overlapMax);

        // G.711 Appendix I §I.2.2: smooth the jump from the end of the history back one period by cross-fading
        // the last quarter period (still unplayed, thanks to the delay) with the quarter period before the
        // repeated one.
        var h = _history.AsSpan();
        int end = _historyLength;
        for (int j = 0; j < _overlap; j++)
        {
            float w = (j + 1f) / (_overlap + 1f);
            h[end - _overlap + j] = Round((h[end - _pitch - _overlap + j] * w) + (h[end - _overlap + j] * (1f - w)));
        }

        var tail = h[(end - (_pitch * 3))..];
        for (int i = 0; i < tail.Length; i++)
        {
            _pitchBuffer[i] = tail[i];
        }
        _periods = 1;
        _position = 0;
        _erasedSamples = 0;
    }

    private float NextSynthetic()
    {
        // One period for the first 10 ms, two for the next 10 ms, then three (Appendix I §I.2.2).
        int wanted = _erasedSamples < _chunk ? 1 : _erasedSamples < 2 * _chunk ? 2 : 3;
        if (wanted != _periods)
        {
            // Keep the phase: the same sample sits (wanted - periods) periods later in the longer buffer.
            _position += (wanted - _periods) * _pitch;
            _periods = wanted;
        }

        int length = _pitch * _periods;
        int regionStart = (_pitch * 3) - length;
        float sample = _pitchBuffer[regionStart + (_position % length)];
        _position = (_position + 1) % length;

        // Full level for 10 ms, then a linear fade of 20 % per 10 ms: silent after 60 ms.
        float gain = _erasedSamples < _chunk ? 1f : Math.Max(0f, 1f - (0.2f * (_erasedSamples - _chunk) / _chunk));
        _erasedSamples++;
        return sample * gain;
    }

    private int FindPitch()
    {
        // Normalized cross-correlation of the last 20 ms with the same span one lag earlier; coarse on every
        // 2f-th lag and sample, then refined at full resolution (Appendix I §I.2.2 does the same two steps).
        var h = _history.AsSpan();
        int end = _historyLength;
        int best = _pitchMax;
        double bestScore = double.NegativeInfinity;
        for (int lag = _pitchMax; lag >= _pitchMin; lag -= _decimation)
        {
            double score = Score(h, end, lag, _decimation);
            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        int from = Math.Max(_pitchMin, best - _decimation + 1);
        int to = Math.Min(_pitchMax, best + _decimation - 1);
        bestScore = double.NegativeInfinity;
        for (int lag = to; lag >= from; lag--)
        {
            double score = Score(h, end, lag, 1);
            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        return best;
    }

    private double Score(ReadOnlySpan<short> h, int end, int lag, int step)
    {
        long cross = 0, energy = 0;
        int a = end - _correlationLength;
        int b = a - lag;
        for (int i = 0; i < _correlationLength; i += step)
        {
            int y = h[b + i];
            cross += h[a + i] * y;
            energy += y * y;
        }

        // Appendix I normalizes by the lagged energy only, with a floor so silence does not divide by zero.
        return cross / Math.Sqrt(Math.Max(energy, 250.0 * _correlationLength / step));
    }
}
