namespace CallCenterSdk.Media.Jitter;

/// <summary>
/// Estimates the target playout delay from packet arrivals (the approach of WebRTC NetEQ's delay manager).
/// <list type="number">
/// <item>Each packet's raw delay is <c>arrival - mediaTime</c> (receiver clock minus RTP time); its
/// <b>relative delay</b> is that minus the smallest raw delay seen in the last few seconds, so an unknown clock
/// offset, slow clock drift and route changes cancel out.</item>
/// <item>Relative delays go into a 1 ms histogram with exponential forgetting (factor f per packet); the target
/// is the delay below which a <c>quantile</c> share of the weighted packets fall, plus a margin.</item>
/// <item>A peak detector remembers delay spikes well above the target; when they recur (at least two, no further
/// apart than the peak period), the target stays at the peak height until they stop, so periodic hand-overs
/// are ridden out instead of concealed each time.</item>
/// </list>
/// Pure: time arrives as arguments. O(log n) per packet, allocation-free.
/// </summary>
internal sealed class RelativeDelayEstimator
{
    private const int Buckets = 1024;
    private const int MaxPeaks = 8;
    private const int OptimizeEvery = 25;
    private readonly JitterBufferOptions _options;
    private readonly ForgettingDelayHistogram _histogram;
    private readonly long[] _windowSecond;
    private readonly double[] _windowMin;
    private readonly double[] _peakTime = new double[MaxPeaks];
    private readonly double[] _peakHeight = new double[MaxPeaks];
    private int _peakCount;
    private int _peakNext;
    private double _histogramReference;
    private bool _hasReference;
    private double _reference;
    private int _quantileTarget;
    private double _lastArrival;
    private int _maxBucket;
    private int _sinceOptimized;
    private long _updates;
    private double _overheadMs;

    public RelativeDelayEstimator(JitterBufferOptions options)
    {
        _options = options;
        _histogram = new ForgettingDelayHistogram(Buckets, options.ForgettingFactor);
        _windowSecond = new long[options.ReferenceWindowSeconds + 1];
        _windowMin = new double[options.ReferenceWindowSeconds + 1];
        Reset();
    }

    /// <summary>Delay the buffer adds on top of its target (a frame of decode-ahead and the concealer's delay), in ms: part of the E-model's mouth-to-ear delay.</summary>
    public double OverheadMs
    {
        get => _overheadMs;
        set => _overheadMs = value;
    }

    /// <summary>Smallest raw delay (arrival minus media time, ms) in the reference window: relative delay zero.</summary>
    public double ReferenceMs => _reference;

    /// <summary>True once a packet has been seen.</summary>
    public bool HasReference => _hasReference;

    /// <summary>The quantile of relative delays plus margin, before peak memory, in ms.</summary>
    public int QuantileTargetMs => _quantileTarget;

    /// <summary>True while recurring delay peaks hold the target up.</summary>
    public bool InPeakMode => PeakTarget() > 0;

    /// <summary>The current target in ms, clamped to the configured range.</summary>
    public int TargetMs
    {
        get
        {
            if (_options.Mode == JitterBufferMode.Fixed)
            {
                return _options.FixedDelayMs;
            }

            int target = Math.Max(_quantileTarget, PeakTarget());
            return Math.Clamp(target, _options.MinDelayMs, _options.MaxDelayMs);
        }
    }

    /// <summary>Forgets the timeline (a new source): histogram weights stay, the reference restarts.</summary>
    public void Reset()
    {
        Array.Fill(_windowSecond, long.MinValue);
        _hasReference = false;
        _peakCount = 0;
    }

    /// <summary>Records one packet's arrival.</summary>
    /// <param name="arrivalMs">Arrival on the receiver's clock, ms.</param>
    /// <param name="mediaMs">RTP timestamp converted to ms.</param>
    public void Update(double arrivalMs, double mediaMs)
    {
        double raw = arrivalMs - mediaMs;
        _lastArrival = Math.Max(_lastArrival, arrivalMs);
        UpdateReference(arrivalMs, raw);
        if (!_hasReference)
        {
            _hasReference = true;
            _histogramReference = _reference;
        }

        // Keep the histogram aligned with the moving zero (route change, drift) in whole milliseconds.
        double moved = _reference - _histogramReference;
        if (Math.Abs(moved) >= 2)
        {
            int shift = (int)Math.Round(moved);
            _histogram.Shift(-shift);
            _histogramReference += shift;
        }

        double relative = Math.Max(0, raw - _histogramReference);
        int bucket = Math.Min((int)Math.Round(relative), Buckets - 1);
        _histogram.Add(bucket);
        _maxBucket = Math.Max(_maxBucket, bucket);
        if (_options.Objective == DelayObjective.Quantile)
        {
            _quantileTarget = _histogram.Quantile(_options.Quantile) + _options.MarginMs;
        }
        else if (++_sinceOptimized >= OptimizeEvery || _updates < OptimizeEvery || bucket > _quantileTarget)
        {
            // O(max delay) scan: run every few packets, and at once when a packet lands above the target.
            _sinceOptimized = 0;
            _quantileTarget = QualityOptimalDelay() + _options.MarginMs;
        }

        _updates++;
        if (_options.PeakMemory && relative > _quantileTarget + _options.PeakThresholdMs)
        {
            RecordPeak(arrivalMs, relative);
        }
    }

    /// <summary>
    /// The delay d minimizing the E-model impairments Id(d + other delay) + Ie,eff(share of packets above d)
    /// (G.107 §7.4 with Ie 0 and the configured Bpl), scanning the histogram from 0 to the largest delay seen.
    /// </summary>
    private int QualityOptimalDelay()
    {
        double total = _histogram.Total;
        if (total <= 0)
        {
            return 0;
        }

        double bpl = _options.LossRobustness;
        double other = _options.OtherDelayMs + _overheadMs;
        double onTime = 0;
        double bestCost = double.PositiveInfinity;
        int best = 0;
        for (int d = 0; d <= _maxBucket; d++)
        {
            onTime += _histogram.Weight(d);
            double lossPercent = Math.Max(0, 100.0 * (total - onTime) / total);
            double ta = d + other;
            double cost = (0.024 * ta) + (ta > 177.3 ? 0.11 * (ta - 177.3) : 0) + (95 * lossPercent / (lossPercent + bpl));
            if (cost < bestCost - 1e-9)
            {
                bestCost = cost;
                best = d;
            }
        }

        return best;
    }

    private void UpdateReference(double arrivalMs, double raw)
    {
        long second = (long)Math.Floor(arrivalMs / 1000);
        int n = _windowSecond.Length;
        int slot = (int)(((second % n) + n) % n);
        if (_windowSecond[slot] != second)
        {
            _windowSecond[slot] = second;
            _windowMin[slot] = raw;
        }
        else if (raw < _windowMin[slot])
        {
            _windowMin[slot] = raw;
        }

        double min = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            if (_windowSecond[i] > second - n && _windowSecond[i] <= second && _windowMin[i] < min)
            {
                min = _windowMin[i];
            }
        }

        _reference = min;
    }

    private void RecordPeak(double arrivalMs, double height)
    {
        int last = (_peakNext + MaxPeaks - 1) % MaxPeaks;
        if (_peakCount > 0 && arrivalMs - _peakTime[last] < 1000)
        {
            // The same spike: keep its highest packet.
            _peakHeight[last] = Math.Max(_peakHeight[last], height);
            return;
        }

        _peakTime[_peakNext] = arrivalMs;
        _peakHeight[_peakNext] = height;
        _peakNext = (_peakNext + 1) % MaxPeaks;
        _peakCount = Math.Min(_peakCount + 1, MaxPeaks);
    }

    private int PeakTarget()
    {
        if (_peakCount < 2)
        {
            return 0;
        }

        double period = _options.PeakPeriodSeconds * 1000.0;
        int last = (_peakNext + MaxPeaks - 1) % MaxPeaks;

        // Peak mode ends when no spike has come for twice the allowed period.
        if (_lastArrival - _peakTime[last] > 2 * period)
        {
            return 0;
        }

        double height = 0;
        int recurring = 0;
        for (int k = 0; k < _peakCount - 1; k++)
        {
            int i = (last - k + MaxPeaks) % MaxPeaks;
            int previous = (i - 1 + MaxPeaks) % MaxPeaks;
            if (_peakTime[i] - _peakTime[previous] > period)
            {
                break;
            }

            recurring++;
            height = Math.Max(height, Math.Max(_peakHeight[i], _peakHeight[previous]));
        }

        return recurring == 0 ? 0 : (int)Math.Ceiling(height) + _options.MarginMs;
    }
}
