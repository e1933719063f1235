namespace CallCenterSdk.Media.Quality;

/// <summary>How well one playout strategy did on one arrival trace.</summary>
public sealed record PlayoutScore
{
    /// <summary>The strategy: "ours", "static60" or "oracle".</summary>
    public required string Strategy { get; init; }

    /// <summary>Mean send-to-playout delay of speech, in ms.</summary>
    public double MeanDelayMs { get; init; }

    /// <summary>95th percentile of the send-to-playout delay, in ms.</summary>
    public double P95DelayMs { get; init; }

    /// <summary>Largest send-to-playout delay, in ms.</summary>
    public double MaxDelayMs { get; init; }

    /// <summary>Packets that arrived after their playout time, in percent of speech packets sent.</summary>
    public double LateLossPercent { get; init; }

    /// <summary>Share of played speech that was concealment (network loss, late loss, empty buffer), in percent.</summary>
    public double ConcealmentPercent { get; init; }

    /// <summary>Frames played faster or slower by time-scale modification.</summary>
    public int TimeScaleEvents { get; init; }

    /// <summary>The E-model rating from mean delay plus codec delay and the concealment ratio.</summary>
    public EModelRating Rating { get; init; }

    /// <summary>Delay over time, for plots.</summary>
    public IReadOnlyList<DelaySample> Timeline { get; init; } = [];
}
