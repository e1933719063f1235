namespace CallCenterSdk.Crm.Reports;

/// <summary>An agent's state, as the ACD reports it (logged-out time is simply not recorded).</summary>
public enum AgentState
{
    /// <summary>Ready for calls, idle.</summary>
    Available,

    /// <summary>Ringing, talking or holding a call.</summary>
    OnCall,

    /// <summary>After-call work.</summary>
    WrapUp,

    /// <summary>On a break.</summary>
    Break,

    /// <summary>Logged in but not ready.</summary>
    NotReady,
}
