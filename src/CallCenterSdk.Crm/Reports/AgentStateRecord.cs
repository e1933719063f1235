namespace CallCenterSdk.Crm.Reports;

/// <summary>One span of time an agent spent in one state (the ACD's agent-state events, paired).</summary>
/// <param name="Agent">The agent.</param>
/// <param name="State">The state.</param>
/// <param name="StartedAt">When the agent entered it.</param>
/// <param name="EndedAt">When the agent left it.</param>
public sealed record AgentStateRecord(string Agent, AgentState State, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
