namespace CallCenterSdk.Acd.Staffing;

/// <summary>The Erlang A (M/M/N+M, exponential patience) figures for one staffing level.</summary>
/// <param name="Agents">Agents on the phones.</param>
/// <param name="TrafficErlangs">Offered load A = lambda x AHT.</param>
/// <param name="ProbabilityOfWait">P(an arriving contact finds every agent busy).</param>
/// <param name="ProbabilityOfAbandon">P(an arriving contact abandons before an answer).</param>
/// <param name="ServiceLevel">P(answered within the target) over all offered contacts (variant <c>AnsweredWithinOverOffered</c>).</param>
/// <param name="AverageSpeedOfAnswerSeconds">Mean wait of answered contacts (zero waits included).</param>
/// <param name="AverageWaitSeconds">Mean time in queue of every contact, abandoned ones included.</param>
/// <param name="Occupancy">Carried load / N = A (1 - P(abandon)) / N.</param>
public readonly record struct ErlangAResult(
    int Agents,
    double TrafficErlangs,
    double ProbabilityOfWait,
    double ProbabilityOfAbandon,
    double ServiceLevel,
    double AverageSpeedOfAnswerSeconds,
    double AverageWaitSeconds,
    double Occupancy);
