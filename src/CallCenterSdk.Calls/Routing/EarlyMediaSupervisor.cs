using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Calls.Routing;

/// <summary>
/// Decides what a caller hears while targets ring: nothing until one rings, then our ringback tone through 183
/// early media, or the first target's own early media relayed when it sends 183 with SDP. When that target
/// drops out, ringback resumes if others still ring.
/// </summary>
internal sealed class EarlyMediaSupervisor : IDisposable
{
    private readonly CallLeg _caller;
    private readonly RingPlan _plan;
    private readonly object _gate = new();
    private readonly HashSet<CallLeg> _ringing = [];
    private CancellationTokenSource? _ringback;
    private Bridge? _earlyBridge;
    private bool _stopped;

    public EarlyMediaSupervisor(CallLeg caller, RingPlan plan)
    {
        _caller = caller;
        _plan = plan;
    }

    /// <summary>The target whose early media the caller hears now, or null.</summary>
    public CallLeg? RelayedTarget
    {
        get { lock (_gate) { return _earlyBridge?.Second; } }
    }

    /// <summary>True while the caller hears our ringback tone.</summary>
    public bool PlaysRingback
    {
        get { lock (_gate) { return _ringback is not null; } }
    }

    public void Dispose() => Stop();

    public void Watch(CallLeg target)
    {
        target.StateChanged += OnTargetState;
        OnTargetState(target, target.State); // it may have rung before we subscribed
    }

    public void Forget(CallLeg target)
    {
        target.StateChanged -= OnTargetState;
        OnTargetGone(target);
    }

    /// <summary>Stops the ringback and any early-media relay (before answering, or when the plan failed).</summary>
    public void Stop()
    {
        Bridge? bridge;
        lock (_gate)
        {
            _stopped = true;
            bridge = _earlyBridge;
            _earlyBridge = null;
            StopRingbackLocked();
        }

        bridge?.Stop();
    }

    private void OnTargetState(CallLeg target, CallLegState state)
    {
        switch (state)
        {
            case CallLegState.Ringing:
                OnTargetRinging(target);
                break;
            case CallLegState.EarlyMedia:
                OnTargetEarlyMedia(target);
                break;
            case CallLegState.Ended:
                OnTargetGone(target);
                break;
        }
    }

    private void OnTargetRinging(CallLeg target)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _ringing.Add(target);
            if (_earlyBridge is null && _ringback is null)
            {
                StartRingbackLocked();
            }
        }
    }

    private void OnTargetEarlyMedia(CallLeg target)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _ringing.Add(target);
            if (!_plan.RelayEarlyMedia || _earlyBridge is not null || !TryOpenEarlyMediaLocked())
            {
                if (_earlyBridge is null && _ringback is null)
                {
                    StartRingbackLocked();
                }

                return;
            }

            StopRingbackLocked();
            _earlyBridge = new Bridge(_caller, target) { HangUpPeerOnEnd = false };
            _earlyBridge.Start();
        }
    }

    private void OnTargetGone(CallLeg target)
    {
        Bridge? bridge = null;
        lock (_gate)
        {
            _ringing.Remove(target);
            if (_earlyBridge is not null && ReferenceEquals(_earlyBridge.Second, target))
            {
                bridge = _earlyBridge;
                _earlyBridge = null;
            }

            if (!_stopped && _ringing.Count > 0 && _earlyBridge is null && _ringback is null)
            {
                StartRingbackLocked();
            }
            else if (_ringing.Count == 0)
            {
                StopRingbackLocked();
            }
        }

        bridge?.Stop();
    }

    private void StartRingbackLocked()
    {
        if (_plan.RingbackTone is not { } tone)
        {
            // No tone of ours: pass the ringing on as 180 and let the caller's phone play its own ringback.
            if (_caller.State == CallLegState.Setup && _caller.Direction == CallDirection.Inbound)
            {
                _caller.Ring();
            }

            return;
        }

        if (!TryOpenEarlyMediaLocked())
        {
            return;
        }

        _ringback = new CancellationTokenSource();
        var play = _caller.PlayAsync(new ToneGenerator(tone, _caller.Media.Format), _ringback.Token);
        _ = play.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void StopRingbackLocked()
    {
        _ringback?.Cancel();
        _ringback?.Dispose();
        _ringback = null;
    }

    /// <summary>
    /// Makes sure the caller can hear us before answer: 183 with our SDP (RFC 3960 early media). Without an offer in
    /// its INVITE only 180 is sent. True when the caller's media runs.
    /// </summary>
    private bool TryOpenEarlyMediaLocked()
    {
        switch (_caller.State)
        {
            case CallLegState.Connected or CallLegState.EarlyMedia:
                return true;
            case CallLegState.Ended:
                return false;
        }

        if (_caller.Session.State is InviteSessionState.Answering or InviteSessionState.Established)
        {
            return true; // answered, the ACK not in yet: media runs already
        }

        if (_caller.Direction != CallDirection.Inbound)
        {
            return false;
        }

        try
        {
            _caller.StartEarlyMedia();
            return true;
        }
        catch (InvalidOperationException)
        {
            // An INVITE without an offer: no early media is possible, plain 180 it is.
            _caller.Ring();
            return false;
        }
    }
}
