namespace CallCenterSdk.Acd.Staffing;

/// <summary>The answer of a staffing calculation.</summary>
/// <param name="RawAgents">Smallest number of agents on the phones that meets the target.</param>
/// <param name="AgentsAfterShrinkage">Agents to schedule: ceil(raw / (1 - shrinkage)).</param>
/// <param name="Figures">The Erlang C figures at <paramref name="RawAgents"/>.</param>
public readonly record struct StaffingResult(int RawAgents, int AgentsAfterShrinkage, ErlangCResult Figures);
