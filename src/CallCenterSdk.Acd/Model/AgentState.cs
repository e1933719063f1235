namespace CallCenterSdk.Acd;

/// <summary>The states of the agent state machine (see docs/acd.md for the transition table).</summary>
public enum AgentState
{
    /// <summary>Not logged in: never offered anything.</summary>
    LoggedOut = 0,

    /// <summary>Logged in, ready and idle: can be offered a contact.</summary>
    Available = 1,

    /// <summary>A contact is being offered (ringing) and waits for accept, reject or timeout.</summary>
    Reserved = 2,

    /// <summary>Connected to at least one contact.</summary>
    OnContact = 3,

    /// <summary>After-contact work: automatic duration or ended by the agent.</summary>
    WrapUp = 4,

    /// <summary>Logged in but not ready (break, lunch, training, missed offers, ...).</summary>
    NotReady = 5,
}
