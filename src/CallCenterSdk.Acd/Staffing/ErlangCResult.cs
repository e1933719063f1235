namespace CallCenterSdk.Acd.Staffing;

/// <summary>The Erlang C (M/M/c, no abandonment) figures for one staffing level.</summary>
/// <param name="Agents">Agents on the phones (after shrinkage has been taken out).</param>
/// <param name="TrafficErlangs">Offered load A = calls x AHT / interval.</param>
/// <param name="ProbabilityOfWait">P(an arriving contact waits), the Erlang C formula.</param>
/// <param name="ServiceLevel">P(answered within the target), 1 - P(wait) x exp(-(N - A) x T / AHT).</param>
/// <param name="AverageSpeedOfAnswerSeconds">ASA over all contacts, P(wait) x AHT / (N - A).</param>
/// <param name="Occupancy">A / N.</param>
public readonly record struct ErlangCResult(
    int Agents,
    double TrafficErlangs,
    double ProbabilityOfWait,
    double ServiceLevel,
    double AverageSpeedOfAnswerSeconds,
    double Occupancy);
