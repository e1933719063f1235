namespace CallCenterSdk.Acd.Statistics;

/// <summary>Agent time of a tenant over a period, by state, and occupancy and utilization (formulas in docs/acd.md).</summary>
public sealed record AgentTimeFigures
{
    /// <summary>Time available (idle, ready).</summary>
    public TimeSpan Available { get; init; }

    /// <summary>Time ringing.</summary>
    public TimeSpan Reserved { get; init; }

    /// <summary>Time on contacts (talk and hold).</summary>
    public TimeSpan OnContact { get; init; }

    /// <summary>Time in wrap-up.</summary>
    public TimeSpan WrapUp { get; init; }

    /// <summary>Time not ready.</summary>
    public TimeSpan NotReady { get; init; }

    /// <summary>Busy = reserved + on contact + wrap-up.</summary>
    public TimeSpan Busy => Reserved + OnContact + WrapUp;

    /// <summary>Logged-in time = available + busy + not ready.</summary>
    public TimeSpan LoggedIn => Available + Busy + NotReady;

    /// <summary>Occupancy = busy / (busy + available): share of ready time spent on contacts.</summary>
    public double? Occupancy => Busy + Available > TimeSpan.Zero ? Busy / (Busy + Available) : null;

    /// <summary>Utilization = busy / logged-in time (not ready included in the denominator).</summary>
    public double? Utilization => LoggedIn > TimeSpan.Zero ? Busy / LoggedIn : null;

    /// <summary>Sums two periods.</summary>
    public static AgentTimeFigures operator +(AgentTimeFigures x, AgentTimeFigures y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return new AgentTimeFigures
        {
            Available = x.Available + y.Available,
            Reserved = x.Reserved + y.Reserved,
            OnContact = x.OnContact + y.OnContact,
            WrapUp = x.WrapUp + y.WrapUp,
            NotReady = x.NotReady + y.NotReady,
        };
    }

    /// <summary>Sums two periods (named alternative to +).</summary>
    public static AgentTimeFigures Add(AgentTimeFigures x, AgentTimeFigures y) => x + y;
}
