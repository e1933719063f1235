using CallCenterSdk.Calls.Media;

namespace CallCenterSdk.Calls.Bridging;

/// <summary>How a bridge carries audio between its two legs.</summary>
public enum BridgeMode
{
    /// <summary>Not connected (not started, stopped, or a leg ended).</summary>
    None,

    /// <summary>RTP payloads are relayed without decoding: both legs use the same encoding.</summary>
    Relay,

    /// <summary>Audio is decoded, resampled where the rates differ, and encoded again.</summary>
    Transcode,
}

/// <summary>
/// The B2BUA's core: connects two legs so each hears the other. When both legs agreed on the same encoding the
/// payloads are relayed untouched (no decoding, no jitter buffer on the path); otherwise audio is transcoded
/// through the media clock. A re-INVITE that changes a codec switches the mode; when one leg ends the other is
/// hung up with the same Q.850 cause (unless <see cref="HangUpPeerOnEnd"/> is false).
/// </summary>
public sealed class Bridge : IDisposable
{
    private readonly object _gate = new();
    private readonly List<IDisposable> _routes = [];
    private bool _stopped;

    /// <summary>Creates a bridge; <see cref="Start"/> connects the audio.</summary>
    public Bridge(CallLeg first, CallLeg second, bool forceTranscoding = false)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (ReferenceEquals(first, second))
        {
            throw new ArgumentException("A leg cannot be bridged to itself.", nameof(second));
        }

        First = first;
        Second = second;
        ForceTranscoding = forceTranscoding;
    }

    /// <summary>The first leg (usually the caller).</summary>
    public CallLeg First { get; }

    /// <summary>The second leg (usually the agent or the far end).</summary>
    public CallLeg Second { get; }

    /// <summary>True to decode and encode even when relaying would do (tests, loudness processing).</summary>
    public bool ForceTranscoding { get; }

    /// <summary>Hang up the other leg when one ends (true by default).</summary>
    public bool HangUpPeerOnEnd { get; set; } = true;

    /// <summary>How audio flows now.</summary>
    public BridgeMode Mode { get; private set; }

    /// <summary>Raised when the bridge stops because a leg ended.</summary>
    public event Action<Bridge, CallLeg, CallEndCause>? Ended;

    /// <summary>Connects the audio of the two legs (both must have negotiated media).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                throw new InvalidOperationException("The bridge was stopped; create a new one.");
            }

            ConnectLocked();
        }

        First.Media.Negotiated += OnRenegotiated;
        Second.Media.Negotiated += OnRenegotiated;
        First.Ended += OnLegEnded;
        Second.Ended += OnLegEnded;
        if (First.State == CallLegState.Ended)
        {
            OnLegEnded(First, First.EndCause!);
        }
        else if (Second.State == CallLegState.Ended)
        {
            OnLegEnded(Second, Second.EndCause!);
        }
    }

    /// <summary>Disconnects the audio; both legs stay up (to be held, transferred or bridged elsewhere).</summary>
    public void Stop()
    {
        First.Media.Negotiated -= OnRenegotiated;
        Second.Media.Negotiated -= OnRenegotiated;
        First.Ended -= OnLegEnded;
        Second.Ended -= OnLegEnded;
        lock (_gate)
        {
            _stopped = true;
            DisconnectLocked();
        }
    }

    /// <summary>Same as <see cref="Stop"/>.</summary>
    public void Dispose() => Stop();

    private void ConnectLocked()
    {
        DisconnectLocked();
        if (!ForceTranscoding && MediaSession.CanRelay(First.Media, Second.Media) && MediaSession.CanRelay(Second.Media, First.Media))
        {
            First.Media.StartRelay(Second.Media);
            Second.Media.StartRelay(First.Media);
            _routes.Add(new Route(() =>
            {
                First.Media.StopRelay();
                Second.Media.StopRelay();
            }));
            Mode = BridgeMode.Relay;
            return;
        }

        _routes.Add(Connect(First, Second));
        _routes.Add(Connect(Second, First));
        Mode = BridgeMode.Transcode;
    }

    /// <summary>Routes what <paramref name="speaker"/> says to <paramref name="listener"/> through a pipe.</summary>
    internal static IDisposable Connect(CallLeg speaker, CallLeg listener)
    {
        var pipe = new AudioPipe(listener.Media.Format);
        var tap = speaker.Listen(pipe);
        var ear = listener.Hear(pipe);
        return new Route(() =>
        {
            tap.Dispose();
            ear.Dispose();
            pipe.Close();
        });
    }

    private void DisconnectLocked()
    {
        foreach (var route in _routes)
        {
            route.Dispose();
        }

        _routes.Clear();
        Mode = BridgeMode.None;
    }

    private void OnRenegotiated(MediaSession media)
    {
        lock (_gate)
        {
            if (_stopped || !First.Media.IsNegotiated || !Second.Media.IsNegotiated)
            {
                return;
            }

            var relay = !ForceTranscoding && MediaSession.CanRelay(First.Media, Second.Media);
            if ((relay && Mode != BridgeMode.Relay) || (!relay && Mode != BridgeMode.Transcode) || Mode == BridgeMode.Transcode)
            {
                // A codec or sample rate changed: rebuild the routes for the new formats.
                ConnectLocked();
            }
        }
    }

    private void OnLegEnded(CallLeg leg, CallEndCause cause)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            DisconnectLocked();
        }

        var other = ReferenceEquals(leg, First) ? Second : First;
        if (HangUpPeerOnEnd && other.State != CallLegState.Ended)
        {
            _ = other.HangupAsync(cause.Q850Cause);
        }

        Ended?.Invoke(this, leg, cause);
    }

    private sealed class Route(Action undo) : IDisposable
    {
        private Action? _undo = undo;

        public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
    }
}
