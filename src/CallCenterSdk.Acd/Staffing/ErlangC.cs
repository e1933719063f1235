namespace CallCenterSdk.Acd.Staffing;

/// <summary>
/// Erlang C (M/M/N queue, no abandonment): probability of wait, service level, ASA, occupancy and
/// agents needed. Computed through the Erlang B recursion B(k) = A B(k-1) / (k + A B(k-1)), which
/// never forms A^N or N! and so stays finite and accurate for tens of thousands of agents.
/// </summary>
public static class ErlangC
{
    /// <summary>Erlang B blocking probability for <paramref name="agents"/> servers and load A (stable recursion).</summary>
    public static double ErlangB(int agents, double trafficErlangs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        TrafficLoad.Positive(trafficErlangs, nameof(trafficErlangs));
        double b = 1.0;
        for (int k = 1; k <= agents; k++)
        {
            b = trafficErlangs * b / (k + (trafficErlangs * b));
        }

        return b;
    }

    /// <summary>
    /// Probability that an arriving contact waits: C = N B / (N - A (1 - B)). One when the queue is
    /// unstable (N &lt;= A).
    /// </summary>
    public static double ProbabilityOfWait(int agents, double trafficErlangs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        TrafficLoad.Positive(trafficErlangs, nameof(trafficErlangs));
        return agents <= trafficErlangs ? 1.0 : FromErlangB(agents, trafficErlangs, ErlangB(agents, trafficErlangs));
    }

    /// <summary>All Erlang C figures for <paramref name="agents"/> agents.</summary>
    /// <param name="agents">Agents on the phones.</param>
    /// <param name="load">The offered traffic.</param>
    /// <param name="targetAnswerSeconds">Service-level threshold T in seconds.</param>
    public static ErlangCResult Compute(int agents, TrafficLoad load, double targetAnswerSeconds)
    {
        load.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(targetAnswerSeconds);
        double a = load.Erlangs;
        return Figures(agents, a, load.AverageHandleTimeSeconds, targetAnswerSeconds, agents <= a ? 1.0 : FromErlangB(agents, a, ErlangB(agents, a)));
    }

    /// <summary>
    /// Smallest N with service level &gt;= target and occupancy &lt;= the maximum, then shrinkage on top.
    /// Runs the Erlang B recursion once upwards, so it costs O(N).
    /// </summary>
    public static StaffingResult AgentsNeeded(TrafficLoad load, StaffingTarget target)
    {
        load.Validate();
        if (!(target.ServiceLevel > 0 && target.ServiceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.ServiceLevel, "The service-level target must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(target.TargetAnswerSeconds);
        if (!(target.MaxOccupancy > 0 && target.MaxOccupancy <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.MaxOccupancy, "The maximum occupancy must be in (0, 1].");
        }

        double a = load.Erlangs;
        double b = 1.0;
        const int Limit = 10_000_000;
        for (int n = 1; n <= Limit; n++)
        {
            b = a * b / (n + (a * b));
            if (n <= a)
            {
                continue;
            }

            var figures = Figures(n, a, load.AverageHandleTimeSeconds, target.TargetAnswerSeconds, FromErlangB(n, a, b));
            if (figures.ServiceLevel >= target.ServiceLevel && figures.Occupancy <= target.MaxOccupancy)
            {
                return new StaffingResult(n, Staffing.Shrinkage.ScheduledAgents(n, target.Shrinkage), figures);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(load), a, "The load needs more than ten million agents.");
    }

    private static double FromErlangB(int n, double a, double b) => n * b / (n - (a * (1 - b)));

    private static ErlangCResult Figures(int n, double a, double aht, double t, double pWait)
    {
        if (n <= a)
        {
            // Unstable: the queue grows without bound, every contact waits forever on average.
            return new ErlangCResult(n, a, 1.0, 0.0, double.PositiveInfinity, 1.0);
        }

        double sl = 1.0 - (pWait * Math.Exp(-(n - a) * t / aht));
        double asa = pWait * aht / (n - a);
        return new ErlangCResult(n, a, pWait, sl, asa, a / n);
    }
}
