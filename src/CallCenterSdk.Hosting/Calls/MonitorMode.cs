namespace CallCenterSdk.Hosting.Calls;

/// <summary>How a supervisor joins an agent's call.</summary>
public enum MonitorMode
{
    /// <summary>The supervisor hears both sides; nobody hears the supervisor.</summary>
    Listen,

    /// <summary>The agent hears the supervisor; the caller does not.</summary>
    Whisper,

    /// <summary>Three-way: everybody hears everybody.</summary>
    Barge,

    /// <summary>The supervisor takes the call over; the agent is dropped.</summary>
    Intercept,
}
