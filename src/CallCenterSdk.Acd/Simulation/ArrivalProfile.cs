namespace CallCenterSdk.Acd.Simulation;

/// <summary>
/// Intraday arrival profile: the expected contacts in each consecutive interval, repeated when the
/// simulation is longer. Arrivals are a Poisson process with a piecewise-constant rate.
/// </summary>
public sealed record ArrivalProfile
{
    /// <summary>Length of one profile interval (default 30 minutes).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Expected contacts per interval; the list repeats.</summary>
    public required IReadOnlyList<double> CallsPerInterval { get; init; }

    /// <summary>A flat profile: the same volume in every interval.</summary>
    public static ArrivalProfile Flat(double callsPerInterval, TimeSpan interval) =>
        new() { Interval = interval, CallsPerInterval = [callsPerInterval] };

    /// <summary>A typical working-day shape (morning peak, lunch dip, afternoon peak) scaled to a daily volume over the hours given.</summary>
    public static ArrivalProfile WorkingDay(double callsPerDay, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hours);
        var weights = new double[hours * 2];
        for (int i = 0; i < weights.Length; i++)
        {
            double x = (i + 0.5) / weights.Length;
            // Two bumps (late morning and mid afternoon) over a base load.
            weights[i] = 0.6 + Math.Exp(-Math.Pow((x - 0.3) / 0.12, 2)) + (0.8 * Math.Exp(-Math.Pow((x - 0.72) / 0.15, 2)));
        }

        double sum = weights.Sum();
        return new ArrivalProfile { Interval = TimeSpan.FromMinutes(30), CallsPerInterval = weights.Select(w => w / sum * callsPerDay).ToArray() };
    }

    internal double RatePerSecond(long elapsedTicks)
    {
        long index = elapsedTicks / Interval.Ticks % CallsPerInterval.Count;
        return CallsPerInterval[(int)index] / Interval.TotalSeconds;
    }
}
