namespace CallCenterSdk.Calls.Media;

/// <summary>
/// The three steps of one media clock tick. Every client runs a phase before any client runs the next one, so a
/// frame heard on one leg reaches the legs it is routed to (bridge, conference, monitor) in the same tick.
/// </summary>
public enum MediaClockPhase
{
    /// <summary>Receive: each leg takes one frame from its jitter buffer and hands it to its taps.</summary>
    Receive,

    /// <summary>Mix: conferences combine the frames of their members.</summary>
    Mix,

    /// <summary>Send: each leg builds, encodes and sends the frame its peer hears.</summary>
    Send,
}
