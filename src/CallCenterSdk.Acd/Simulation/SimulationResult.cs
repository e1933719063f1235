using CallCenterSdk.Acd.Statistics;

namespace CallCenterSdk.Acd.Simulation;

/// <summary>The figures of one simulated run (after the warm-up).</summary>
public sealed record SimulationResult
{
    /// <summary>
    /// Contact counters and KPIs over the measured period (after the warm-up). Outcomes count when they
    /// happen, as in <see cref="IntervalStatistics"/>: a contact that queued during the warm-up and is
    /// answered after it counts as answered but not as offered, and one still waiting at the end counts as
    /// offered only, so answered + abandoned may differ from offered by the few contacts waiting at either edge.
    /// </summary>
    public required QueueFigures Totals { get; init; }

    /// <summary>Agent time over the measured period.</summary>
    public required AgentTimeFigures AgentTime { get; init; }

    /// <summary>Per-interval figures.</summary>
    public required IReadOnlyList<(DateTimeOffset Start, QueueFigures Figures)> Intervals { get; init; }

    /// <summary>The service-level variant of <see cref="ServiceLevel"/>.</summary>
    public ServiceLevelVariant Variant { get; init; }

    /// <summary>Contacts that arrived (whole run, warm-up included).</summary>
    public long Arrivals { get; init; }

    /// <summary>Share of measured outcomes (answered or abandoned) that had to wait.</summary>
    public double ProbabilityOfWait { get; init; }

    /// <summary>Service level under <see cref="Variant"/>.</summary>
    public double ServiceLevel => Totals.ServiceLevel(Variant) ?? 0;

    /// <summary>ASA in seconds.</summary>
    public double AsaSeconds => Totals.AverageSpeedOfAnswer?.TotalSeconds ?? 0;

    /// <summary>Abandoned / (answered + abandoned), short abandons included.</summary>
    public double AbandonProbability => Totals.Answered + Totals.Abandoned > 0 ? (double)Totals.Abandoned / (Totals.Answered + Totals.Abandoned) : 0;

    /// <summary>Occupancy of the agents.</summary>
    public double Occupancy => AgentTime.Occupancy ?? 0;

    /// <summary>Mean of (actual wait - estimate at entry) over answered contacts that queued, in seconds.</summary>
    public double WaitEstimateMeanErrorSeconds { get; init; }

    /// <summary>Mean of |actual wait - estimate at entry| over answered contacts that queued, in seconds.</summary>
    public double WaitEstimateMeanAbsoluteErrorSeconds { get; init; }

    /// <summary>Contacts the estimator error was measured on.</summary>
    public long WaitEstimateSamples { get; init; }
}
