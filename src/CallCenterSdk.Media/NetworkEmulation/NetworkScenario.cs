namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>
/// A named network and sender condition for the emulator. Every impairment is optional and they compose:
/// base delay, jitter, loss, reordering, periodic delay spikes (hand-overs), a route change, sender clock drift
/// and discontinuous transmission (silence suppression with comfort noise).
/// </summary>
public sealed record NetworkScenario
{
    /// <summary>Name shown in the scenario table.</summary>
    public required string Name { get; init; }

    /// <summary>Call length in seconds.</summary>
    public double DurationSeconds { get; init; } = 60;

    /// <summary>Packet time in milliseconds (10 to 60).</summary>
    public int PacketTimeMs { get; init; } = 20;

    /// <summary>RTP clock rate.</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>One-way base (propagation and minimum queueing) delay in milliseconds.</summary>
    public double BaseDelayMs { get; init; } = 20;

    /// <summary>Random extra delay per packet, or null.</summary>
    public DelayJitterModel? Jitter { get; init; }

    /// <summary>Network loss, or null for none.</summary>
    public PacketLossModel? Loss { get; init; }

    /// <summary>Probability that a packet is held back behind later ones.</summary>
    public double ReorderProbability { get; init; }

    /// <summary>How many packet times a reordered packet is held back at most (it overtakes 1..depth later packets).</summary>
    public int ReorderDepth { get; init; }

    /// <summary>Seconds between delay spikes (hand-overs); 0 for none.</summary>
    public double SpikePeriodSeconds { get; init; }

    /// <summary>Height of a delay spike in milliseconds: the link stalls this long, then releases the queue at once.</summary>
    public double SpikeHeightMs { get; init; }

    /// <summary>Time in seconds at which the base delay steps by <see cref="RouteChangeStepMs"/>; negative for none.</summary>
    public double RouteChangeAtSeconds { get; init; } = -1;

    /// <summary>Step of the base delay at the route change, in milliseconds.</summary>
    public double RouteChangeStepMs { get; init; }

    /// <summary>Sender clock error in parts per million: positive sends faster than nominal (the receiver's queue grows).</summary>
    public double ClockDriftPpm { get; init; }

    /// <summary>Share of time (0..1) the sender is silent and sends only comfort noise (DTX).</summary>
    public double SilenceFraction { get; init; }

    /// <summary>Mean talk-spurt length in seconds when <see cref="SilenceFraction"/> is positive.</summary>
    public double MeanTalkSpurtSeconds { get; init; } = 1.8;

    /// <summary>Interval between comfort-noise updates during silence, in milliseconds (Opus DTX sends one every 400 ms).</summary>
    public int ComfortNoiseIntervalMs { get; init; } = 400;

    /// <summary>Name of the codec's impairment values in the E-model (see Quality.CodecImpairment).</summary>
    public string Codec { get; init; } = "G.711+PLC";
}
