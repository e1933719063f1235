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
    /// The Linux nice value of the media clock's threads; -10 by default, null to leave them at the process's. Under
    /// load a tick that waits for a core behind SIP, sockets, the CRM or other processes is audio sent late or not at all,
    /// so media servers run their clock above other work (as FreeSWITCH and Asterisk offer with real-time priority).
    /// Lowering a nice value needs CAP_SYS_NICE or RLIMIT_NICE (systemd: <c>AmbientCapabilities=CAP_SYS_NICE</c> or
    /// <c>LimitNICE=-10</c>); without it the clock runs at normal priority and the engine logs why once
    /// (<see cref="Media.MediaClock.PriorityError"/>). Thread.Priority has no effect on Linux.
    /// </summary>
    public int? MediaClockNice { get; init; } = -10;

    /// <summary>
    /// Threads of the engine's <see cref="CallCenterSdk.Media.Transport.MediaSocketPoller"/>, which reads every leg's RTP
    /// on Linux (epoll); 0 for one per two processors, at most four. They run at <see cref="MediaClockNice"/> too: a
    /// datagram left in a socket is audio late or lost just as a late tick is.
    /// </summary>
    public int MediaReceiveThreads { get; init; }

    /// <summary>
    /// Remote answer: who may answer our ringing inbound calls with a <c>NOTIFY</c> <c>Event: talk</c> (an engine
    /// acting as an agent's phone trusts its call center). Null, the default, obeys nobody: such a NOTIFY gets 405.
    /// </summary>
    public RemoteAnswerOptions? RemoteAnswer { get; init; }
}
