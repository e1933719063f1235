using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.RemoteControl;

namespace CallCenterSdk.Calls;

/// <summary>Options of a <see cref="CallEngine"/>.</summary>
public sealed class CallEngineOptions
{
    /// <summary>How legs negotiate and carry media.</summary>
    public MediaSessionOptions Media { get; init; } = new();

    /// <summary>Threads the media clock may use for one phase when many legs are active; the processor count when 0.</summary>
    public int ClockParallelism { get; init; }

    /// <summary>
    /// Remote answer: who may answer our ringing inbound calls with a <c>NOTIFY</c> <c>Event: talk</c> (an engine
    /// acting as an agent's phone trusts its call center). Null, the default, obeys nobody: such a NOTIFY gets 405.
    /// </summary>
    public RemoteAnswerOptions? RemoteAnswer { get; init; }
}
