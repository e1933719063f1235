using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// In-band DTMF detector after ITU-T Q.24. Every 5 ms it runs eight Goertzel filters over the last 10 ms
/// (Hann-windowed) and checks each candidate key for level, twist, the share of power in the two tones and
/// steadiness across the block. A key is reported once <see cref="DtmfDetectorOptions.RequiredSteps"/>
/// consecutive steps agree <em>and</em> both tones' frequencies, measured from the phase advance of the
/// Goertzel outputs between steps (which resolves far finer than a 10 ms block could by magnitude), are within
/// <see cref="DtmfDetectorOptions.FrequencyTolerance"/>. Works at 8 and 16 kHz (any rate divisible by 200).
/// Raises <see cref="KeyDetected"/> outside any lock; allocation-free except when a key is reported.
/// </summary>
public sealed class DtmfDetector : IAudioSink
{
    private const int FilterCount = 8;
    private readonly DtmfDetectorOptions _options;
    private readonly int _block;
    private readonly int _hop;
    private readonly float[] _ring;
    private readonly float[] _window;
    private readonly float[] _windowed;
    private readonly GoertzelFilter[] _filters = new GoertzelFilter[FilterCount];
    private readonly double[] _hopRotationRe = new double[FilterCount];
    private readonly double[] _hopRotationIm = new double[FilterCount];
    private readonly double[] _power = new double[FilterCount];
    private readonly double _windowSumSquared;
    private readonly double _windowSum;
    private readonly double _minimumPower;
    private readonly double _normalTwist;
    private readonly double _reverseTwist;
    private int _ringPosition;
    private int _filled;
    private int _sinceStep;
    private long _samplesSeen;

    // Candidate: the key the latest consecutive valid steps agree on, with the running phase-advance sums.
    private int _candidate = -1;
    private int _candidateSteps;
    private long _candidateStart;
    private bool _candidateReported;
    private float _previousRowRe;
    private float _previousRowIm;
    private float _previousColumnRe;
    private float _previousColumnIm;
    private double _rowAdvanceRe;
    private double _rowAdvanceIm;
    private double _columnAdvanceRe;
    private double _columnAdvanceIm;

    // Active: the key last reported, until EndSteps steps pass without it.
    private int _active = -1;
    private int _gapSteps;

    /// <summary>Creates a detector for mono PCM at <paramref name="sampleRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not a positive multiple of 200 up to 48000.</exception>
    public DtmfDetector(int sampleRate, DtmfDetectorOptions? options = null)
    {
        if (sampleRate is < 4000 or > 48000 || sampleRate % 200 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The DTMF detector needs a sample rate that is a multiple of 200 Hz between 4000 and 48000.");
        }

        _options = options ?? new DtmfDetectorOptions();
        if (_options.RequiredSteps < 2 || _options.EndSteps < 1 || _options.FrequencyTolerance <= 0)
        {
            throw new ArgumentException("RequiredSteps must be at least 2, EndSteps at least 1 and FrequencyTolerance positive.", nameof(options));
        }

        Format = new AudioFormat(sampleRate);
        _block = sampleRate / 100;
        _hop = sampleRate / 200;
        _ring = new float[_block];
        _window = new float[_block];
        _windowed = new float[_block];
        for (int n = 0; n < _block; n++)
        {
            _window[n] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / _block)));
            _windowSum += _window[n];
        }

        _windowSumSquared = _windowSum * _windowSum;
        for (int i = 0; i < FilterCount; i++)
        {
            double frequency = NominalFrequency(i);
            _filters[i] = new GoertzelFilter(frequency, sampleRate, _block);
            double w = 2 * Math.PI * frequency * _hop / sampleRate;
            _hopRotationRe[i] = Math.Cos(-w);
            _hopRotationIm[i] = Math.Sin(-w);
        }

        _minimumPower = Dbm0.ToPower(_options.MinimumLevelDbm0);
        _normalTwist = Math.Pow(10, _options.NormalTwistDb / 10);
        _reverseTwist = Math.Pow(10, _options.ReverseTwistDb / 10);
    }

    /// <summary>Raised (on the calling thread, from <see cref="Process"/>) when a key is recognised.</summary>
    public event EventHandler<DtmfDetectedEventArgs>? KeyDetected;

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <summary>The key currently sounding (reported and not yet ended), or null.</summary>
    public char? ActiveKey => _active >= 0 ? DtmfFrequencies.Keys[_active] : null;

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame) => Process(frame);

    /// <summary>Feeds samples of any length; returns the number of keys reported during this call.</summary>
    public int Process(ReadOnlySpan<short> samples)
    {
        int reported = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            _ring[_ringPosition] = samples[i];
            if (++_ringPosition == _block)
            {
                _ringPosition = 0;
            }

            if (_filled < _block)
            {
                _filled++;
            }

            _samplesSeen++;
            if (++_sinceStep >= _hop && _filled == _block)
            {
                _sinceStep = 0;
                if (Step())
                {
                    reported++;
                }
            }
        }

        return reported;
    }

    /// <summary>Forgets all history (a new call on a pooled detector).</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _ringPosition = 0;
        _filled = 0;
        _sinceStep = 0;
        _samplesSeen = 0;
        _candidate = -1;
        _candidateSteps = 0;
        _candidateReported = false;
        _active = -1;
        _gapSteps = 0;
    }

    private static double NominalFrequency(int filter) =>
        filter < 4 ? DtmfFrequencies.Rows[filter] : DtmfFrequencies.Columns[filter - 4];

    private bool Step()
    {
        // Unroll the ring into time order, measuring the two halves and the windowed power.
        double firstHalf = 0;
        double secondHalf = 0;
        double windowedPower = 0;
        int half = _block / 2;
        for (int n = 0; n < _block; n++)
        {
            int index = _ringPosition + n;
            float x = _ring[index >= _block ? index - _block : index];
            double energy = x * x;
            if (n < half)
            {
                firstHalf += energy;
            }
            else
            {
                secondHalf += energy;
            }

            windowedPower += _window[n] * energy;
            _windowed[n] = _window[n] * x;
        }

        windowedPower /= _windowSum;

        Span<float> re = stackalloc float[FilterCount];
        Span<float> im = stackalloc float[FilterCount];
        for (int i = 0; i < FilterCount; i++)
        {
            (re[i], im[i]) = _filters[i].Transform(_windowed);
            // A sine of peak A gives |X| = A/2 * sum(w); this makes _power the sine's mean power A^2/2.
            _power[i] = 2 * ((re[i] * re[i]) + (im[i] * im[i])) / _windowSumSquared;
        }

        int row = ArgMax(0);
        int column = ArgMax(4);
        double rowPower = _power[row];
        double columnPower = _power[column];
        bool valid =
            rowPower >= _minimumPower && columnPower >= _minimumPower
            && rowPower <= columnPower * _normalTwist
            && columnPower <= rowPower * _reverseTwist
            && rowPower + columnPower >= _options.MinimumToneShare * windowedPower
            && Math.Min(firstHalf, secondHalf) >= 0.5 * Math.Max(firstHalf, secondHalf);
        int key = valid ? (row * 4) + (column - 4) : -1;

        TrackCandidate(key, row, column, re, im);
        return UpdateActive(key, row, column);
    }

    private void TrackCandidate(int key, int row, int column, ReadOnlySpan<float> re, ReadOnlySpan<float> im)
    {
        if (key < 0)
        {
            _candidate = -1;
            _candidateSteps = 0;
            _candidateReported = false;
            return;
        }

        if (key == _candidate)
        {
            // Phase advance between steps: Y_k conj(Y_{k-1}) e^{-jw hop} = |Y|^2 e^{j 2 pi df hop / fs}.
            Accumulate(re[row], im[row], _previousRowRe, _previousRowIm, row, ref _rowAdvanceRe, ref _rowAdvanceIm);
            Accumulate(re[column], im[column], _previousColumnRe, _previousColumnIm, column, ref _columnAdvanceRe, ref _columnAdvanceIm);
            _candidateSteps++;
        }
        else
        {
            _candidate = key;
            _candidateSteps = 1;
            _candidateStart = _samplesSeen - _block;
            _candidateReported = false;
            _rowAdvanceRe = _rowAdvanceIm = _columnAdvanceRe = _columnAdvanceIm = 0;
        }

        _previousRowRe = re[row];
        _previousRowIm = im[row];
        _previousColumnRe = re[column];
        _previousColumnIm = im[column];
    }

    private void Accumulate(float re, float im, float previousRe, float previousIm, int filter, ref double sumRe, ref double sumIm)
    {
        double productRe = (re * previousRe) + (im * previousIm);
        double productIm = (im * previousRe) - (re * previousIm);
        sumRe += (productRe * _hopRotationRe[filter]) - (productIm * _hopRotationIm[filter]);
        sumIm += (productRe * _hopRotationIm[filter]) + (productIm * _hopRotationRe[filter]);
    }

    private bool UpdateActive(int key, int row, int column)
    {
        if (_active >= 0)
        {
            if (key == _active)
            {
                _gapSteps = 0;
            }
            else if (++_gapSteps >= _options.EndSteps)
            {
                _active = -1;
            }
        }

        if (_active >= 0 || _candidate < 0 || _candidateReported || _candidateSteps < _options.RequiredSteps)
        {
            return false;
        }

        double rowFrequency = MeasuredFrequency(row, _rowAdvanceRe, _rowAdvanceIm);
        double columnFrequency = MeasuredFrequency(column, _columnAdvanceRe, _columnAdvanceIm);
        double rowNominal = NominalFrequency(row);
        double columnNominal = NominalFrequency(column);
        if (Math.Abs(rowFrequency - rowNominal) > _options.FrequencyTolerance * rowNominal
            || Math.Abs(columnFrequency - columnNominal) > _options.FrequencyTolerance * columnNominal)
        {
            return false;
        }

        _candidateReported = true;
        _active = _candidate;
        _gapSteps = 0;
        var detection = new DtmfDetection(DtmfFrequencies.Keys[_candidate], _candidateStart, rowFrequency, columnFrequency);
        KeyDetected?.Invoke(this, new DtmfDetectedEventArgs(detection));
        return true;
    }

    private double MeasuredFrequency(int filter, double advanceRe, double advanceIm) =>
        NominalFrequency(filter) + (Math.Atan2(advanceIm, advanceRe) * Format.SampleRate / (2 * Math.PI * _hop));

    private int ArgMax(int first)
    {
        int best = first;
        for (int i = first + 1; i < first + 4; i++)
        {
            if (_power[i] > _power[best])
            {
                best = i;
            }
        }

        return best;
    }
}
