namespace CallCenterSdk.Acd;

/// <summary>
/// Receives engine events, in order, after the operation that caused them has finished (the engine
/// holds no lock while calling). A sink may call back into the engine; those events are appended.
/// </summary>
public interface IAcdEventSink
{
    /// <summary>Handles one event.</summary>
    void OnEvent(in AcdEvent acdEvent);
}
