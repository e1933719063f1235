namespace CallCenterSdk.Media.Jitter;

/// <summary>Settings of a <see cref="JitterBuffer"/>. Defaults suit 20 ms telephony over the Internet.</summary>
public sealed record JitterBufferOptions
{
    /// <summary>Adaptive (default) or fixed target delay.</summary>
    public JitterBufferMode Mode { get; init; } = JitterBufferMode.Adaptive;

    /// <summary>Target delay above the fastest recent packet in <see cref="JitterBufferMode.Fixed"/> mode, in ms. Default 60.</summary>
    public int FixedDelayMs { get; init; } = 60;

    /// <summary>Lowest adaptive target in ms. Default 0.</summary>
    public int MinDelayMs { get; init; }

    /// <summary>Highest adaptive target in ms. Default 400.</summary>
    public int MaxDelayMs { get; init; } = 400;

    /// <summary>How the adaptive target is chosen from the delay histogram. Default <see cref="DelayObjective.QualityOptimal"/>.</summary>
    public DelayObjective Objective { get; init; } = DelayObjective.QualityOptimal;

    /// <summary>The codec's packet-loss robustness Bpl (ITU-T G.113) used by <see cref="DelayObjective.QualityOptimal"/>. Default 25.1 (G.711 with Appendix I PLC).</summary>
    public double LossRobustness { get; init; } = 25.1;

    /// <summary>Mouth-to-ear delay outside the buffer (network base, codec, device), in ms, for the E-model's 177 ms knee. Default 40.</summary>
    public int OtherDelayMs { get; init; } = 40;

    /// <summary>Keep the target at the height of recurring delay spikes (NetEQ's peak detector). Default false: the objective weighs spikes itself.</summary>
    public bool PeakMemory { get; init; }

    /// <summary>Share of packets (by forgetting-weighted count) the target must cover with <see cref="DelayObjective.Quantile"/>. Default 0.99.</summary>
    public double Quantile { get; init; } = 0.99;

    /// <summary>Per-packet forgetting factor of the delay histogram: memory of about 1 / (1 - f) packets. Default 0.9995 (40 s at 20 ms).</summary>
    public double ForgettingFactor { get; init; } = 0.9995;

    /// <summary>Safety margin added to the chosen delay, in ms. Default 0 (the objective already prices late loss).</summary>
    public int MarginMs { get; init; }

    /// <summary>Window, in seconds, over which the fastest packet defines zero relative delay. Default 2 (as NetEQ).</summary>
    public int ReferenceWindowSeconds { get; init; } = 2;

    /// <summary>
    /// A packet this many ms above the deadline counts as a delay peak: the deadline it raises is held for
    /// <see cref="PeakPeriodSeconds"/> (and, with <see cref="PeakMemory"/>, recurring peaks set it). Default 60.
    /// </summary>
    public int PeakThresholdMs { get; init; } = 60;

    /// <summary>
    /// How long after a delay peak the deadline it raised is held, in seconds; with <see cref="PeakMemory"/>,
    /// recurring peaks closer than this keep the target at the peak height. Default 20.
    /// </summary>
    public int PeakPeriodSeconds { get; init; } = 20;

    /// <summary>
    /// Delay above target (ms) from which an accelerate is tried inside a talk spurt; it removes one pitch period
    /// only when the period fits in the excess, so playout never drops below the target. Default 2.
    /// </summary>
    public int AccelerateThresholdMs { get; init; } = 2;

    /// <summary>Delay below target (ms) that triggers an expand (one pitch period) inside a talk spurt. Default 2.</summary>
    public int ExpandThresholdMs { get; init; } = 2;

    /// <summary>Longest wait, in ms, for a missing packet while the buffer is empty before the talk spurt is declared over. Default 1000.</summary>
    public int MaxWaitMs { get; init; } = 1000;

    /// <summary>Number of packet slots (a power of two). Default 128: 2.5 s of 20 ms packets.</summary>
    public int Capacity { get; init; } = 128;

    /// <summary>Largest payload accepted, in bytes. Default 1500 (60 ms of G.711 is 480).</summary>
    public int MaxPayloadBytes { get; init; } = 1500;

    /// <summary>Output frame length in ms. Default 20.</summary>
    public int FrameMilliseconds { get; init; } = 20;

    /// <summary>Seed of the comfort-noise generator (deterministic output for tests).</summary>
    public int ComfortNoiseSeed { get; init; } = 1;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }

        Require(Capacity >= 8 && (Capacity & (Capacity - 1)) == 0, $"Capacity {Capacity} must be a power of two of at least 8.");
        Require(MaxPayloadBytes is > 0 and <= 65536, $"MaxPayloadBytes {MaxPayloadBytes} must be in 1..65536.");
        Require(FrameMilliseconds is 10 or 20 or 30 or 40, $"FrameMilliseconds {FrameMilliseconds} must be 10, 20, 30 or 40.");
        Require(MinDelayMs >= 0 && MaxDelayMs >= MinDelayMs && MaxDelayMs <= 2000, "Delays must satisfy 0 <= MinDelayMs <= MaxDelayMs <= 2000.");
        Require(FixedDelayMs is >= 0 and <= 2000, $"FixedDelayMs {FixedDelayMs} must be in 0..2000.");
        Require(Quantile is > 0.5 and < 1, $"Quantile {Quantile} must be in (0.5, 1).");
        Require(LossRobustness is > 0 and <= 100, $"LossRobustness {LossRobustness} must be in (0, 100].");
        Require(OtherDelayMs is >= 0 and <= 1000, $"OtherDelayMs {OtherDelayMs} must be in 0..1000.");
        Require(ForgettingFactor is > 0.9 and < 1, $"ForgettingFactor {ForgettingFactor} must be in (0.9, 1).");
        Require(ReferenceWindowSeconds is >= 1 and <= 60, $"ReferenceWindowSeconds {ReferenceWindowSeconds} must be in 1..60.");
        Require(MaxWaitMs >= 20, $"MaxWaitMs {MaxWaitMs} must be at least 20.");
        Require(AccelerateThresholdMs > 0 && ExpandThresholdMs > 0 && PeakThresholdMs > 0 && PeakPeriodSeconds > 0 && MarginMs >= 0, "Thresholds must be positive.");
    }
}
