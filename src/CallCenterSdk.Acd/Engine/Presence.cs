namespace CallCenterSdk.Acd.Engine;

/// <summary>What the agent asked for; the reported <see cref="AgentState"/> also depends on the agent's work.</summary>
internal enum Presence
{
    LoggedOut = 0,
    Ready = 1,
    NotReady = 2,
}
