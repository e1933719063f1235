namespace CallCenterSdk.Acd.Simulation;

/// <summary>A group of simulated agents working the same hours (offsets from the start of the simulation).</summary>
/// <param name="Agents">How many agents.</param>
/// <param name="Start">When they log in.</param>
/// <param name="End">When they log out (after finishing the contact in hand).</param>
public sealed record AgentShift(int Agents, TimeSpan Start, TimeSpan End);
