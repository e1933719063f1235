namespace CallCenterSdk.Hosting.Realtime;

/// <summary>The <c>agentState</c> push: an agent changed state.</summary>
/// <param name="Agent">Agent id.</param>
/// <param name="State">New state (see <see cref="Api.AgentStateNames"/>).</param>
/// <param name="Reason">Not-ready reason.</param>
/// <param name="Since">When the new state began.</param>
/// <param name="From">Previous state.</param>
/// <param name="FromSeconds">Time spent in the previous state.</param>
public sealed record AgentStateMessage(string Agent, string State, string? Reason, DateTimeOffset Since, string From, double FromSeconds);
