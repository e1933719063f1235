namespace CallCenterSdk.Media.Plc;

/// <summary>
/// Packet-loss concealment by pitch waveform replication, following ITU-T G.711 Appendix I, for codecs without
/// a concealment of their own (G.711, G.722, L16). It keeps a short history of the decoded signal; on a loss it
/// finds the pitch period by normalized cross-correlation, repeats the last period (then the last two, then
/// three, so a long gap does not buzz), fades the repetition out by 20 % per 10 ms after the first 10 ms (silent
/// after 60 ms), and cross-fades back into the real signal when packets return. The start of a loss is smoothed
/// by cross-fading the last quarter period of real audio, which must not have been played yet (G.711 Appendix I
/// §I.2.1): as the Appendix writes it, the output is delayed by <see cref="DelaySamples"/> (3.75 ms) for that;
/// a caller that holds decoded audio ahead of playout anyway (a jitter buffer) can instead create it without the
/// delay and pass those unplayed samples to <see cref="Conceal(Span{short}, Span{short})"/>.
/// Constants are those of the Appendix at 8 kHz, scaled with the sample rate.
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
    private readonly bool _delayed;

    // The history is the last _historyLength samples before _end in a longer store, so appending is a plain copy
    // and the whole history moves back to the front only when the store is full (amortized O(1) per sample).
    private readonly short[] _store;
    private readonly short[] _tail;
    private readonly float[] _pitchBuffer;
    private readonly short[] _work;
    private int _end;

    private int _pitch;
    private int _overlap;
    private int _periods;
    private int _position;
    private int _erasedSamples;

    /// <summary>
    /// Creates a concealer for a sample rate that is a multiple of 8000 Hz (8, 16, 24, 32, 48 kHz) that delays its
    /// output by <see cref="DelaySamples"/>, as G.711 Appendix I does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive multiple of 8000 up to 48000.</exception>
    public WaveformReplicationConcealer(int sampleRate)
        : this(sampleRate, delayOutput: true)
    {
    }

    /// <summary>Creates a concealer for a sample rate that is a multiple of 8000 Hz (8, 16, 24, 32, 48 kHz).</summary>
    /// <param name="sampleRate">The sample rate.</param>
    /// <param name="delayOutput">
    /// True: the output is delayed by a quarter of the longest pitch period (3.75 ms) so the start of a loss can
    /// be smoothed with samples not yet played (G.711 Appendix I as written). False: no delay; the caller passes
    /// the samples it has not played yet to <see cref="Conceal(Span{short}, Span{short})"/> and the smoothing is
    /// applied to those in place (none when there are none).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive multiple of 8000 up to 48000.</exception>
    public WaveformReplicationConcealer(int sampleRate, bool delayOutput)
    {
        if (sampleRate <= 0 || sampleRate % 8000 != 0 || sampleRate > 48000)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "G.711 Appendix I concealment needs a multiple of 8000 Hz up to 48000 Hz.");
        }

        int f = sampleRate / 8000;
        SampleRate = sampleRate;
        _delayed = delayOutput;

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
        _store = new short[_historyLength * 4];
        _end = _historyLength;
        _tail = new short[_overlapMax];
        _pitchBuffer = new float[_pitchMax * 3];
        _work = new short[_chunk];
    }

    /// <summary>The sample rate this concealer works at.</summary>
    public int SampleRate { get; }

    /// <summary>Delay the concealer adds to the signal, in samples: 30 at 8 kHz (3.75 ms) with output delay, else 0.</summary>
    public int DelaySamples => _delayed ? _overlapMax : 0;

    /// <summary>True while the last call was a concealment (the next good call cross-fades).</summary>
    public bool IsConcealing => _erasedSamples > 0;

    /// <summary>The pitch period, in samples, found at the start of the current or last loss.</summary>
    public int LastPitch => _pitch;

    private Span<short> History => _store.AsSpan(_end - _historyLength, _historyLength);

    /// <summary>Clears the history (a new stream or source).</summary>
    public void Reset()
    {
        Array.Clear(_store);
        _end = _historyLength;
        _erasedSamples = 0;
        _pitch = 0;
    }

    /// <summary>
    /// Passes received samples through: they come back in place (delayed by <see cref="DelaySamples"/>), and
    /// cross-faded from the concealment when they end a loss.
    /// </summary>
    public void Good(Span<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        if (_erasedSamples > 0)
        {
            // G.711 Appendix I §I.2.3: the cross-fade into real speech lengthens by 4 ms per lost 10 ms.
            int lostFrames = (_erasedSamples + _chunk - 1) / _chunk;
            int overlap = Math.Min(samples.Length, Math.Min(_chunk, _overlap + ((lostFrames - 1) * _overlapIncrement)));
            for (int i = 0; i < overlap; i++)
            {
                float w = (i + 1f) / (overlap + 1f);
                samples[i] = Round((NextSynthetic() * (1f - w)) + (samples[i] * w));
            }

            _erasedSamples = 0;
        }

        if (!_delayed)
        {
            Append(samples);
            return;
        }

        // Delay in place: the output is the unplayed tail of the history followed by all but the last samples.
        int n = samples.Length;
        History[(_historyLength - _overlapMax)..].CopyTo(_tail);
        Append(samples);
        if (n > _overlapMax)
        {
            samples[..(n - _overlapMax)].CopyTo(samples[_overlapMax..]);
            _tail.CopyTo(samples);
        }
        else
        {
            _tail.AsSpan(0, n).CopyTo(samples);
        }
    }

    /// <summary>Fills <paramref name="output"/> with concealment for lost audio (delayed like <see cref="Good"/>).</summary>
    public void Conceal(Span<short> output) => Conceal(output, Span<short>.Empty);

    /// <summary>
    /// Fills <paramref name="output"/> with concealment for lost audio (delayed like <see cref="Good"/>).
    /// </summary>
    /// <param name="output">Receives the concealment.</param>
    /// <param name="unplayed">
    /// Without output delay: the most recent samples given to <see cref="Good"/> (or concealed) that the caller
    /// has not played yet, in order; at the start of a loss up to a quarter period of them are cross-faded in place
    /// into the repeated period. Ignored when the output is delayed (the concealer holds those samples itself).
    /// </param>
    public void Conceal(Span<short> output, Span<short> unplayed)
    {
        while (!output.IsEmpty)
        {
            int n = Math.Min(output.Length, _chunk);
            if (_erasedSamples == 0)
            {
                StartConcealment(unplayed);
            }

            var work = _delayed ? _work.AsSpan(0, n) : output[..n];
            for (int i = 0; i < n; i++)
            {
                work[i] = Round(NextSynthetic());
            }

            if (_delayed)
            {
                History[(_historyLength - _overlapMax)..].CopyTo(_tail);
                int fromHistory = Math.Min(n, _overlapMax);
                _tail.AsSpan(0, fromHistory).CopyTo(output);
                Append(work);
                work[..(n - fromHistory)].CopyTo(output[fromHistory..]);
            }
            else
            {
                Append(work);
            }

            output = output[n..];
        }
    }

    private static short Round(float v) => (short)Math.Clamp(MathF.Round(v), short.MinValue, short.MaxValue);

    private void Append(ReadOnlySpan<short> samples)
    {
        if (samples.Length >= _historyLength)
        {
            samples[^_historyLength..].CopyTo(_store);
            _end = _historyLength;
            return;
        }

        if (_end + samples.Length > _store.Length)
        {
            History.CopyTo(_store);
            _end = _historyLength;
        }

        samples.CopyTo(_store.AsSpan(_end));
        _end += samples.Length;
    }

    private void StartConcealment(Span<short> unplayed)
    {
        _pitch = FindPitch();
        _overlap = Math.Min(_pitch / 4, _overlapMax);

        // G.711 Appendix I §I.2.2: smooth the jump from the end of the history back one period by cross-fading
        // the last quarter period (still unplayed: delayed here, or held by the caller) with the quarter period
        // before the repeated one.
        int overlap = _delayed ? _overlap : Math.Min(_overlap, unplayed.Length);
        var h = History;
        int end = _historyLength;
        for (int j = 0; j < overlap; j++)
        {
            float w = (j + 1f) / (overlap + 1f);
            h[end - overlap + j] = Round((h[end - _pitch - overlap + j] * w) + (h[end - overlap + j] * (1f - w)));
        }

        if (!_delayed && overlap > 0)
        {
            h[(end - overlap)..].CopyTo(unplayed[^overlap..]);
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
        ReadOnlySpan<short> h = History;
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
