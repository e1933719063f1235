using CallCenterSdk.Calls.Media;

namespace CallCenterSdk.Calls;

/// <summary>Options of a <see cref="CallEngine"/>.</summary>
public sealed class CallEngineOptions
{
    /// <summary>How legs negotiate and carry media.</summary>
    public MediaSessionOptions Media { get; init; } = new();

    /// <summary>Threads the media clock may use for one phase when many legs are active; the processor count when 0.</summary>
    public int ClockParallelism { get; init; }
}
