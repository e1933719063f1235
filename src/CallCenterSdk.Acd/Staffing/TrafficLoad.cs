namespace CallCenterSdk.Acd.Staffing;

/// <summary>The traffic offered in one planning interval.</summary>
/// <param name="Calls">Contacts arriving in the interval.</param>
/// <param name="IntervalSeconds">Length of the interval (1800 for half an hour).</param>
/// <param name="AverageHandleTimeSeconds">AHT = talk + hold + wrap-up, in seconds.</param>
public readonly record struct TrafficLoad(double Calls, double IntervalSeconds, double AverageHandleTimeSeconds)
{
    /// <summary>Offered load in Erlangs: calls x AHT / interval.</summary>
    public double Erlangs => Calls * AverageHandleTimeSeconds / IntervalSeconds;

    /// <summary>Arrival rate in contacts per second.</summary>
    public double ArrivalRatePerSecond => Calls / IntervalSeconds;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a figure is not a positive, finite number.</summary>
    public void Validate()
    {
        Positive(Calls, nameof(Calls));
        Positive(IntervalSeconds, nameof(IntervalSeconds));
        Positive(AverageHandleTimeSeconds, nameof(AverageHandleTimeSeconds));
    }

    internal static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, name + " must be a positive, finite number.");
        }
    }
}
