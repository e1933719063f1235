using CallCenterSdk.Acd.Statistics;

namespace CallCenterSdk.Acd.Simulation;

/// <summary>What to simulate. Every option has a default except the arrivals.</summary>
public sealed record SimulationOptions
{
    /// <summary>The arrival profile.</summary>
    public required ArrivalProfile Arrivals { get; init; }

    /// <summary>Simulated time (default 8 hours).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Initial time left out of the statistics (default 0).</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>Clock at the start (default Monday 2026-01-05 08:00 UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Handle-time distribution: talk (default exponential, mean 180 s).</summary>
    public Distribution HandleTime { get; init; } = Distribution.Exponential(180);

    /// <summary>Patience distribution; null = callers never abandon (default).</summary>
    public Distribution? Patience { get; init; }

    /// <summary>Agents logged in for the whole run (used when <see cref="Shifts"/> is empty; default 10).</summary>
    public int Agents { get; init; } = 10;

    /// <summary>Agent schedules; when given they replace <see cref="Agents"/>.</summary>
    public IReadOnlyList<AgentShift> Shifts { get; init; } = [];

    /// <summary>Routing strategy of the simulated queue (default longest idle).</summary>
    public RoutingStrategyKind Strategy { get; init; } = RoutingStrategyKind.LongestIdle;

    /// <summary>Skills: agents get each of this many skills at a random level and each contact needs one (default 0: none).</summary>
    public int Skills { get; init; }

    /// <summary>Wrap-up after each contact (default 0).</summary>
    public TimeSpan WrapUp { get; init; }

    /// <summary>Time an agent takes to accept an offer (default 0).</summary>
    public TimeSpan AnswerDelay { get; init; }

    /// <summary>Service-level threshold T (default 20 s).</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Short-abandon threshold (default 5 s).</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reported service-level variant (default abandons count against).</summary>
    public ServiceLevelVariant ServiceLevelVariant { get; init; }

    /// <summary>Statistics interval (default 30 minutes).</summary>
    public TimeSpan StatisticsInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Random seed: the same seed gives the same run.</summary>
    public int Seed { get; init; } = 1;
}
