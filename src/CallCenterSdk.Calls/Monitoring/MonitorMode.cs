namespace CallCenterSdk.Calls.Monitoring;

/// <summary>How a supervisor takes part in a monitored call (the names contact centers use).</summary>
public enum MonitorMode
{
    /// <summary>Silent monitoring: the supervisor hears the caller and the agent; nobody hears the supervisor.</summary>
    Listen,

    /// <summary>Coaching: the supervisor hears both; the agent hears the supervisor; the caller does not.</summary>
    Whisper,

    /// <summary>Barge-in: a three-way call, everyone hears the other two.</summary>
    Barge,

    /// <summary>Take-over: the caller is bridged to the supervisor and the agent is hung up. Final.</summary>
    Intercept,
}
