namespace CallCenterSdk.Media.Jitter;

/// <summary>
/// Estimates the target playout delay from packet arrivals (the approach of WebRTC NetEQ's delay manager).
/// <list type="number">
/// <item>Each packet's raw delay is <c>arrival - mediaTime</c> (receiver clock minus RTP time); its
/// <b>relative delay</b> is that minus the smallest raw delay seen in the last few seconds, so an unknown clock
/// offset, slow clock drift and route changes cancel out.</item>
/// <item>Relative delays go into a 1 ms histogram with exponential forgetting (factor f per packet); the target
/// is the delay that minimizes the E-model impairments of delay and late loss over the histogram (or the delay
/// below which a <c>quantile</c> share of the weighted packets fall), plus a margin.</item>
/// <item>The playout clock can only realize some deadlines: a frame is due on a tick, so a packet's deadline is
/// the tick minus its media time, and these repeat every frame (<see cref="ChooseOnGrid"/> picks the best of
/// them, not the best delay rounded up).</item>
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

    // A histogram of fewer packets than this (5 s at 20 ms) has not seen its tail yet: the deadline covers the
    // largest delay seen so far (with some to spare) instead of trusting the tail estimate.
    private const int YoungPackets = 250;
    private const int SparePackets = 50;

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
    private bool _targetStale;
    private double _lastArrival;
    private int _maxBucket;
    private int _sinceOptimized;
    private long _updates;
    private int _version;
    private double _chosenDeadline;
    private double _heldDeadline;
    private double _holdUntilMs = double.NegativeInfinity;
    private double _lastSecondStartMs = double.NaN;
    private int _lastSlot;

    public RelativeDelayEstimator(JitterBufferOptions options)
    {
        _options = options;
        _histogram = new ForgettingDelayHistogram(Buckets, options.ForgettingFactor);
        _windowSecond = new long[options.ReferenceWindowSeconds + 1];
        _windowMin = new double[options.ReferenceWindowSeconds + 1];
        Reset();
    }

    /// <summary>
    /// Relative delay zero (ms of arrival minus media time): the smallest raw delay in the reference window, followed
    /// in whole milliseconds together with the histogram (so a deadline means the same to both).
    /// </summary>
    public double ReferenceMs => _histogramReference;

    /// <summary>Changes whenever the target is re-evaluated or the histogram moves, so callers can cache what they derive from it.</summary>
    public int Version => _version;

    /// <summary>True once a packet has been seen.</summary>
    public bool HasReference => _hasReference;

    /// <summary>The quantile of relative delays plus margin, before peak memory, in ms.</summary>
    public int QuantileTargetMs
    {
        get
        {
            if (_targetStale)
            {
                // Only reported (the playout uses ChooseOnGrid): worked out when asked, not per packet.
                _targetStale = false;
                _quantileTarget = QualityOptimalDelay() + _options.MarginMs;
            }

            return _quantileTarget;
        }
    }

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

            int target = Math.Max(QuantileTargetMs, PeakTarget());
            return Math.Clamp(target, _options.MinDelayMs, _options.MaxDelayMs);
        }
    }

    /// <summary>Forgets the timeline (a new source): histogram weights stay, the reference restarts.</summary>
    public void Reset()
    {
        Array.Fill(_windowSecond, long.MinValue);
        _lastSecondStartMs = double.NaN;
        _hasReference = false;
        _peakCount = 0;
        _version++;
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
            _chosenDeadline -= shift;
            _heldDeadline -= shift;
            _version++;
        }

        double relative = Math.Max(0, raw - _histogramReference);
        int bucket = Math.Min((int)Math.Round(relative), Buckets - 1);
        _histogram.Add(bucket);
        _maxBucket = Math.Max(_maxBucket, bucket);
        if (_options.Objective == DelayObjective.Quantile)
        {
            int quantile = _histogram.Quantile(_options.Quantile) + _options.MarginMs;
            if (quantile != _quantileTarget || ++_sinceOptimized >= OptimizeEvery)
            {
                _sinceOptimized = 0;
                _quantileTarget = quantile;
                _version++;
            }
        }
        else if (++_sinceOptimized >= OptimizeEvery || _updates < OptimizeEvery || bucket > _chosenDeadline)
        {
            // Re-choose every few packets, and at once when a packet lands above the deadline.
            _sinceOptimized = 0;
            _targetStale = true;
            _version++;
        }

        _updates++;
        if (relative > _chosenDeadline + _options.PeakThresholdMs)
        {
            // A delay peak (a hand-over, a burst of cross traffic): whatever deadline the histogram now asks for is
            // kept until the peak has not recurred for a peak period, instead of being diluted again by the
            // ordinary packets that follow it (which would lower the deadline just before the next one).
            if (arrivalMs >= _holdUntilMs)
            {
                _heldDeadline = 0;
            }

            _holdUntilMs = arrivalMs + (_options.PeakPeriodSeconds * 1000.0);
            _version++;
        }

        if (_options.PeakMemory && relative > _chosenDeadline + _options.PeakThresholdMs)
        {
            RecordPeak(arrivalMs, relative);
        }
    }

    /// <summary>
    /// Chooses the deadline (relative delay, ms) among those the playout clock can realize, <paramref name="phaseMs"/>
    /// + k <paramref name="stepMs"/> for k &gt;= 0: the one with the smallest E-model impairment (quality objective),
    /// or the smallest that covers the quantile or the fixed delay. Also reports the share of packets that arrive
    /// within one step below it (those a frame-aligned playout would need one tick later than usual).
    /// </summary>
    /// <param name="phaseMs">A realizable deadline, reduced modulo the step (0 &lt;= phase &lt; step).</param>
    /// <param name="stepMs">Spacing of realizable deadlines: the frame length (or its common divisor with the packet time).</param>
    /// <param name="offsetMs">Playout delay on top of the deadline (negative when playout runs ahead of it), for the E-model.</param>
    public GridChoice ChooseOnGrid(double phaseMs, double stepMs, double offsetMs)
    {
        double deadline;
        if (_options.Mode == JitterBufferMode.Fixed)
        {
            deadline = AtLeast(phaseMs, stepMs, _options.FixedDelayMs);
        }
        else
        {
            deadline = _options.Objective == DelayObjective.Quantile
                ? AtLeast(phaseMs, stepMs, _quantileTarget)
                : CheapestOnGrid(phaseMs, stepMs, offsetMs);
            if (_updates < YoungPackets)
            {
                // The largest of a few delays underestimates the tail: cover it with a step to spare, the spare
                // shrinking as the histogram fills.
                double spare = stepMs * Math.Max(0, SparePackets - _updates) / SparePackets;
                deadline = Math.Max(deadline, AtLeast(phaseMs, stepMs, _maxBucket + 0.5 + _options.MarginMs + spare));
            }

            if (_lastArrival < _holdUntilMs)
            {
                // Within a peak period of a delay peak: never below the deadline chosen since (to within half a step,
                // so a drifting phase does not ratchet it up).
                _heldDeadline = Math.Max(_heldDeadline, deadline);
                deadline = Math.Max(deadline, AtLeast(phaseMs, stepMs, _heldDeadline - (stepMs / 2)));
            }

            int peak = PeakTarget();
            if (peak > deadline)
            {
                deadline = AtLeast(phaseMs, stepMs, peak);
            }

            if (deadline < _options.MinDelayMs)
            {
                deadline = AtLeast(phaseMs, stepMs, _options.MinDelayMs);
            }

            if (deadline > _options.MaxDelayMs)
            {
                deadline = Math.Max(phaseMs, AtLeast(phaseMs, stepMs, _options.MaxDelayMs + 1e-9) - stepMs);
            }
        }

        _chosenDeadline = deadline;
        double total = _histogram.Total;
        double share = total > 0 ? (OnTimeWeight(deadline) - OnTimeWeight(deadline - stepMs)) / total : 0;
        return new GridChoice(deadline, share);
    }

    private static double AtLeast(double phase, double step, double delay) =>
        phase + (step * Math.Max(0, Math.Ceiling((delay - phase - 1e-9) / step)));

    /// <summary>Weight of packets on time for a deadline: buckets whose whole 1 ms width (plus the margin) lies below it.</summary>
    private double OnTimeWeight(double deadline) => _histogram.WeightUpTo((int)Math.Floor(deadline - _options.MarginMs - 0.5));

    private static double Impairment(double delayMs, double lossPercent, double bpl) =>
        (0.024 * delayMs) + (delayMs > 177.3 ? 0.11 * (delayMs - 177.3) : 0) + (95 * lossPercent / (lossPercent + bpl));

    private double CheapestOnGrid(double phase, double step, double offset)
    {
        double total = _histogram.Total;
        if (total <= 0)
        {
            return phase;
        }

        double other = _options.OtherDelayMs + offset;
        double best = phase;
        double bestCost = double.PositiveInfinity;
        for (double d = phase; ; d += step)
        {
            double lossPercent = Math.Max(0, 100.0 * (total - OnTimeWeight(d)) / total);
            double cost = Impairment(Math.Max(0, d + other), lossPercent, _options.LossRobustness);
            if (cost < bestCost - 1e-9)
            {
                bestCost = cost;
                best = d;
            }

            // Past the largest delay seen nothing more is on time: a longer deadline only costs.
            if (d > _maxBucket + 1 + _options.MarginMs)
            {
                return best;
            }
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
        double other = _options.OtherDelayMs;
        double onTime = 0;
        double bestCost = double.PositiveInfinity;
        int best = 0;
        for (int d = 0; d <= _maxBucket; d++)
        {
            onTime += _histogram.Weight(d);
            double lossPercent = Math.Max(0, 100.0 * (total - onTime) / total);
            double cost = Impairment(d + other, lossPercent, bpl);
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
        if (arrivalMs >= _lastSecondStartMs && arrivalMs < _lastSecondStartMs + 1000)
        {
            // The same second as the last full pass: the window is the same, only its newest minimum can fall.
            if (raw < _windowMin[_lastSlot])
            {
                _windowMin[_lastSlot] = raw;
                _reference = Math.Min(_reference, raw);
            }

            return;
        }

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
        _lastSecondStartMs = second * 1000.0;
        _lastSlot = slot;
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

/// <summary>A deadline the playout clock can realize, and the share of packets arriving within one step below it.</summary>
/// <param name="DeadlineMs">Relative delay (ms above the fastest recent packet) up to which packets play on time.</param>
/// <param name="LateShare">Forgetting-weighted share of packets with relative delays in (deadline - step, deadline].</param>
internal readonly record struct GridChoice(double DeadlineMs, double LateShare);
