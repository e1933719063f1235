namespace CallCenterSdk.Acd;

/// <summary>Agents by state.</summary>
/// <param name="LoggedOut">Logged out.</param>
/// <param name="Available">Available.</param>
/// <param name="Reserved">Ringing.</param>
/// <param name="OnContact">On a contact.</param>
/// <param name="WrapUp">In wrap-up.</param>
/// <param name="NotReady">Not ready.</param>
public readonly record struct AgentStateCounts(int LoggedOut, int Available, int Reserved, int OnContact, int WrapUp, int NotReady)
{
    /// <summary>Logged-in agents.</summary>
    public int LoggedIn => Available + Reserved + OnContact + WrapUp + NotReady;

    internal static AgentStateCounts From(int[] byState) =>
        new(byState[0], byState[1], byState[2], byState[3], byState[4], byState[5]);

    /// <summary>Adds two counts.</summary>
    public static AgentStateCounts operator +(AgentStateCounts x, AgentStateCounts y) =>
        new(x.LoggedOut + y.LoggedOut, x.Available + y.Available, x.Reserved + y.Reserved, x.OnContact + y.OnContact, x.WrapUp + y.WrapUp, x.NotReady + y.NotReady);

    /// <summary>Adds two counts (named alternative to +).</summary>
    public static AgentStateCounts Add(AgentStateCounts x, AgentStateCounts y) => x + y;
}
