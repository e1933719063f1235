using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;

namespace CallCenterSdk.Calls.Monitoring;

/// <summary>
/// A supervisor leg monitoring a bridged call (<see cref="Bridge.First"/> the caller, <see cref="Bridge.Second"/>
/// the agent) in one of the <see cref="MonitorMode"/>s, switched at any time with <see cref="SetMode"/>;
/// <see cref="Stop"/> restores the plain bridge and leaves the supervisor leg up.
/// </summary>
/// <remarks>
/// <para>
/// Every mode is a set of per-pair routes (an <see cref="AudioPipe"/> from one leg's taps into another leg's
/// hear-set): caller to supervisor and agent to supervisor always, supervisor to agent in whisper and barge,
/// supervisor to caller in barge. A conference mixer cannot express whisper (its speak and hear flags are global
/// per participant, not per pair), and with three legs the pairs cost no more than a mix.
/// </para>
/// <para>
/// A bridge that relays packets (<see cref="BridgeMode.Relay"/>) keeps relaying: the monitor adds taps, which make
/// the relaying leg decode what it receives while the undecoded packets still go to the other side. Relayed
/// packets replace what the receiving leg hears, though, so for each leg that must also hear the supervisor
/// (the agent in whisper, both in barge) the monitor stops that direction's relay and carries it through a
/// transcoding pipe instead, mixed with the supervisor; it restarts the relay when the mode no longer needs it,
/// on <see cref="Stop"/>, and when the supervisor hangs up. Meanwhile <see cref="Bridge.Mode"/> still says Relay, and
/// telephone-events of that direction are not relayed. A re-INVITE that changes a codec or the bridge's mode
/// rebuilds the routes. Stop the monitor before stopping the bridge.
/// </para>
/// </remarks>
public sealed class CallMonitor : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<Path, IDisposable> _routes = [];
    private readonly HashSet<Path> _suspendedRelays = [];
    private (int Caller, int Agent, int Supervisor, BridgeMode Bridge) _wiredFor;
    private MonitorMode? _mode;
    private bool _subscribed;
    private Bridge? _interceptBridge;

    /// <summary>Prepares <paramref name="supervisor"/> to monitor <paramref name="bridge"/>; <see cref="SetMode"/> starts.</summary>
    /// <exception cref="ArgumentException">The supervisor is one of the bridged legs.</exception>
    public CallMonitor(Bridge bridge, CallLeg supervisor)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(supervisor);
        if (ReferenceEquals(supervisor, bridge.First) || ReferenceEquals(supervisor, bridge.Second))
        {
            throw new ArgumentException("The supervisor leg is one of the monitored legs.", nameof(supervisor));
        }

        Bridge = bridge;
        Supervisor = supervisor;
    }

    /// <summary>The monitored bridge.</summary>
    public Bridge Bridge { get; }

    /// <summary>The caller: the bridge's first leg.</summary>
    public CallLeg Caller => Bridge.First;

    /// <summary>The agent: the bridge's second leg.</summary>
    public CallLeg Agent => Bridge.Second;

    /// <summary>The supervisor's leg.</summary>
    public CallLeg Supervisor { get; }

    /// <summary>The mode now, or null when not monitoring (not started, stopped).</summary>
    public MonitorMode? Mode
    {
        get { lock (_gate) { return _mode; } }
    }

    /// <summary>After an intercept: the bridge joining the caller to the supervisor.</summary>
    public Bridge? InterceptBridge
    {
        get { lock (_gate) { return _interceptBridge; } }
    }

    /// <summary>Raised when monitoring stops by itself because a leg hung up (given: the leg). When it was the supervisor the bridge carries on as before.</summary>
    public event Action<CallMonitor, CallLeg>? Stopped;

    /// <summary>
    /// Starts monitoring in <paramref name="mode"/>, or switches to it (only the routes that differ change, so the
    /// call does not glitch). <see cref="MonitorMode.Intercept"/> is final: it starts hanging up the agent and
    /// returns; <see cref="InterceptAsync"/> waits for the agent to end.
    /// </summary>
    /// <exception cref="InvalidOperationException">The call was intercepted, a leg ended, the bridge is not connected, or the supervisor is bridged elsewhere.</exception>
    public void SetMode(MonitorMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown monitor mode.");
        }

        if (mode == MonitorMode.Intercept)
        {
            lock (_gate)
            {
                // Refuse here: the fire-and-forget task below would swallow the exception.
                RequireMonitorableLocked();
            }

            _ = InterceptAsync();
            return;
        }

        lock (_gate)
        {
            RequireMonitorableLocked();
            if (!_subscribed)
            {
                Subscribe();
            }

            _mode = mode;
            ApplyLocked(rebuild: false);
        }
    }

    /// <summary>
    /// The supervisor takes over: the monitor's routes go, the bridge stops, the caller is bridged to the supervisor
    /// (relayed or transcoded as their codecs allow) and the agent is hung up with <paramref name="agentQ850Cause"/>.
    /// Completes with the new bridge once the agent's leg has ended.
    /// </summary>
    public async Task<Bridge> InterceptAsync(int agentQ850Cause = CallEndCause.NormalClearing)
    {
        Bridge taken;
        lock (_gate)
        {
            RequireMonitorableLocked();
            TearDownLocked(restoreRelays: false);
            Unsubscribe();
            Bridge.Stop();
            taken = new Bridge(Caller, Supervisor) { HangUpPeerOnEnd = Bridge.HangUpPeerOnEnd };
            taken.Start();
            _interceptBridge = taken;
            _mode = MonitorMode.Intercept;
        }

        await Agent.HangupAsync(agentQ850Cause, "intercepted by a supervisor").ConfigureAwait(false);
        return taken;
    }

    /// <summary>Stops monitoring: the supervisor's routes go and the bridge carries the call as before. The supervisor leg stays up.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_mode is null or MonitorMode.Intercept)
            {
                return;
            }

            StopLocked(restoreRelays: true);
        }
    }

    /// <summary>Same as <see cref="Stop"/>.</summary>
    public void Dispose() => Stop();

    /// <inheritdoc />
    public override string ToString() => $"{Supervisor.Id} monitoring {Caller.Id}<->{Agent.Id}: {Mode?.ToString() ?? "off"}";

    private void RequireMonitorableLocked()
    {
        if (_mode == MonitorMode.Intercept)
        {
            throw new InvalidOperationException("The call was intercepted; monitoring is over.");
        }

        foreach (var leg in (ReadOnlySpan<CallLeg>)[Caller, Agent, Supervisor])
        {
            if (leg.State == CallLegState.Ended)
            {
                throw new InvalidOperationException($"{leg.Id} has ended; the call cannot be monitored.");
            }
        }

        if (Bridge.Mode == BridgeMode.None)
        {
            throw new InvalidOperationException("The bridge is not connected (not started, stopped, or a leg ended).");
        }

        if (Supervisor.Media.IsRelaying)
        {
            throw new InvalidOperationException($"The supervisor leg {Supervisor.Id} is relayed by another bridge; stop that bridge first.");
        }
    }

    /// <summary>Brings the routes to what the mode needs; with <paramref name="rebuild"/> every route is made anew (new formats).</summary>
    private void ApplyLocked(bool rebuild)
    {
        if (rebuild)
        {
            TearDownLocked(restoreRelays: true);
        }

        var mode = _mode!.Value;
        var relaying = Bridge.Mode == BridgeMode.Relay;
        var wanted = new HashSet<Path> { Path.CallerToSupervisor, Path.AgentToSupervisor };
        if (mode is MonitorMode.Whisper or MonitorMode.Barge)
        {
            wanted.Add(Path.SupervisorToAgent);
            if (relaying)
            {
                wanted.Add(Path.CallerToAgent);
            }
        }

        if (mode == MonitorMode.Barge)
        {
            wanted.Add(Path.SupervisorToCaller);
            if (relaying)
            {
                wanted.Add(Path.AgentToCaller);
            }
        }

        foreach (var path in _routes.Keys.Where(p => !wanted.Contains(p)).ToArray())
        {
            _routes.Remove(path, out var route);
            route!.Dispose();
        }

        foreach (var path in _suspendedRelays.Where(p => !wanted.Contains(p)).ToArray())
        {
            _suspendedRelays.Remove(path);
            RestoreRelay(path);
        }

        foreach (var path in wanted)
        {
            if (path is Path.CallerToAgent or Path.AgentToCaller && _suspendedRelays.Add(path))
            {
                // Relayed packets would replace the mix this leg must hear: carry the direction through a pipe.
                Speaker(path).Media.StopRelay();
            }

            if (!_routes.ContainsKey(path))
            {
                _routes[path] = Bridge.Connect(Speaker(path), Listener(path));
            }
        }

        _wiredFor = Snapshot();
    }

    private void TearDownLocked(bool restoreRelays)
    {
        foreach (var route in _routes.Values)
        {
            route.Dispose();
        }

        _routes.Clear();
        foreach (var path in _suspendedRelays)
        {
            if (restoreRelays)
            {
                RestoreRelay(path);
            }
        }

        _suspendedRelays.Clear();
    }

    private void RestoreRelay(Path path)
    {
        var speaker = Speaker(path);
        var listener = Listener(path);
        if (Bridge.Mode == BridgeMode.Relay && speaker.State != CallLegState.Ended && listener.State != CallLegState.Ended &&
            MediaSession.CanRelay(speaker.Media, listener.Media))
        {
            speaker.Media.StartRelay(listener.Media);
        }
    }

    private void StopLocked(bool restoreRelays)
    {
        TearDownLocked(restoreRelays);
        Unsubscribe();
        _mode = null;
    }

    private (int, int, int, BridgeMode) Snapshot() =>
        (Caller.Media.Format.SampleRate, Agent.Media.Format.SampleRate, Supervisor.Media.Format.SampleRate, Bridge.Mode);

    private void Subscribe()
    {
        foreach (var leg in (ReadOnlySpan<CallLeg>)[Caller, Agent, Supervisor])
        {
            leg.Media.Negotiated += OnRenegotiated;
            leg.Ended += OnLegEnded;
        }

        _subscribed = true;
    }

    private void Unsubscribe()
    {
        foreach (var leg in (ReadOnlySpan<CallLeg>)[Caller, Agent, Supervisor])
        {
            leg.Media.Negotiated -= OnRenegotiated;
            leg.Ended -= OnLegEnded;
        }

        _subscribed = false;
    }

    private void OnRenegotiated(MediaSession media)
    {
        lock (_gate)
        {
            if (_mode is null or MonitorMode.Intercept || Snapshot() == _wiredFor)
            {
                return;
            }

            if (Bridge.Mode == BridgeMode.None)
            {
                StopLocked(restoreRelays: false);
                return;
            }

            // A codec, a rate or the bridge's mode changed: the pipes were made for the old formats.
            ApplyLocked(rebuild: true);
        }
    }

    private void OnLegEnded(CallLeg leg, CallEndCause cause)
    {
        lock (_gate)
        {
            if (_mode is null or MonitorMode.Intercept)
            {
                return;
            }

            // The supervisor hanging up leaves the call as it was; a bridged leg hanging up ends the call anyway.
            StopLocked(restoreRelays: ReferenceEquals(leg, Supervisor));
        }

        Stopped?.Invoke(this, leg);
    }

    private CallLeg Speaker(Path path) => path switch
    {
        Path.CallerToSupervisor or Path.CallerToAgent => Caller,
        Path.AgentToSupervisor or Path.AgentToCaller => Agent,
        _ => Supervisor,
    };

    private CallLeg Listener(Path path) => path switch
    {
        Path.CallerToSupervisor or Path.AgentToSupervisor => Supervisor,
        Path.SupervisorToAgent or Path.CallerToAgent => Agent,
        _ => Caller,
    };

    /// <summary>A speaker-to-listener route the monitor owns.</summary>
    private enum Path
    {
        CallerToSupervisor,
        AgentToSupervisor,
        SupervisorToAgent,
        SupervisorToCaller,
        CallerToAgent,
        AgentToCaller,
    }
}
