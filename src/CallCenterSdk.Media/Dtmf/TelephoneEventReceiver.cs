namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// The RFC 4733 §2.5.2 receiver: turns telephone-event packets (with retransmissions, duplicates, reordering
/// and loss) into exactly one Started and one Ended per event. Events are keyed by RTP timestamp; an event
/// whose end packets were all lost ends when the next event begins or when no packet came for
/// <see cref="EndTimeout"/> (checked by <see cref="Poll"/>). Pure: time from <see cref="TimeProvider"/>;
/// not thread-safe (feed it from one receive loop).
/// </summary>
public sealed class TelephoneEventReceiver
{
    private readonly int _clockRate;
    private readonly TimeProvider _time;
    private bool _active;
    private bool _hasCurrent;
    private byte _event;
    private byte _volume;
    private uint _timestamp;
    private uint _segmentTimestamp;
    private int _segmentBase;
    private int _duration;
    private long _lastPacket;

    /// <summary>Creates a receiver for a telephone-event payload type of <paramref name="clockRate"/> Hz.</summary>
    /// <param name="clockRate">The clock rate of the telephone-event payload type (8000 normally).</param>
    /// <param name="time">The clock for the lost-end timeout.</param>
    /// <param name="endTimeout">Silence after which an event without end packet is ended; default 250 ms.</param>
    public TelephoneEventReceiver(int clockRate, TimeProvider time, TimeSpan? endTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentNullException.ThrowIfNull(time);
        _clockRate = clockRate;
        _time = time;
        EndTimeout = endTimeout ?? TimeSpan.FromMilliseconds(250);
    }

    /// <summary>Raised when an event begins (key pressed).</summary>
    public event EventHandler<TelephoneEventArgs>? Started;

    /// <summary>Raised once when an event ends (key released), by end packet or inference.</summary>
    public event EventHandler<TelephoneEventArgs>? Ended;

    /// <summary>How long without packets before an unfinished event is ended.</summary>
    public TimeSpan EndTimeout { get; }

    /// <summary>True while an event has started and not ended.</summary>
    public bool IsActive => _active;

    /// <summary>Accounts one telephone-event packet: its RTP timestamp, marker and payload.</summary>
    public TelephoneEventReceiveOutcome Receive(uint timestamp, ReadOnlySpan<byte> payload)
    {
        if (!TelephoneEventPayload.TryRead(payload, out var value))
        {
            return TelephoneEventReceiveOutcome.Malformed;
        }

        var now = _time.GetTimestamp();
        if (_hasCurrent)
        {
            var sameSegment = timestamp == _segmentTimestamp && value.Event == _event;
            if (timestamp == _timestamp && value.Event == _event || sameSegment)
            {
                if (!_active)
                {
                    return TelephoneEventReceiveOutcome.Duplicate;
                }

                _lastPacket = now;
                _duration = Math.Max(_duration, _segmentBase + value.Duration);
                if (value.End)
                {
                    _active = false;
                    Ended?.Invoke(this, Args(endTimedOut: false));
                    return TelephoneEventReceiveOutcome.Ended;
                }

                return TelephoneEventReceiveOutcome.Updated;
            }

            // RFC 4733 §2.5.1.3: a long event continues in a new segment whose timestamp is where the last one ended.
            if (_active && value.Event == _event && timestamp == unchecked(_segmentTimestamp + (uint)(_duration - _segmentBase)) && _duration - _segmentBase == ushort.MaxValue)
            {
                _segmentTimestamp = timestamp;
                _segmentBase = _duration;
                _lastPacket = now;
                _duration = _segmentBase + value.Duration;
                if (value.End)
                {
                    _active = false;
                    Ended?.Invoke(this, Args(endTimedOut: false));
                    return TelephoneEventReceiveOutcome.Ended;
                }

                return TelephoneEventReceiveOutcome.Updated;
            }

            // Serial-number comparison of timestamps (RFC 3550 §5.1 wraps): older events are late retransmissions.
            if (unchecked((int)(timestamp - _timestamp)) < 0)
            {
                return TelephoneEventReceiveOutcome.Stale;
            }

            if (_active)
            {
                // The previous event's end packets were all lost: it ended before this one began.
                _active = false;
                Ended?.Invoke(this, Args(endTimedOut: true));
            }
        }

        _hasCurrent = true;
        _active = true;
        _event = value.Event;
        _volume = value.Volume;
        _timestamp = timestamp;
        _segmentTimestamp = timestamp;
        _segmentBase = 0;
        _duration = value.Duration;
        _lastPacket = now;
        Started?.Invoke(this, Args(endTimedOut: false));
        if (value.End)
        {
            _active = false;
            Ended?.Invoke(this, Args(endTimedOut: false));
        }

        return TelephoneEventReceiveOutcome.Started;
    }

    /// <summary>
    /// Ends the current event when no packet arrived for <see cref="EndTimeout"/>; call from the media clock
    /// (every 20 ms). Returns true when it ended an event.
    /// </summary>
    public bool Poll()
    {
        if (_active && _time.GetElapsedTime(_lastPacket) >= EndTimeout)
        {
            _active = false;
            Ended?.Invoke(this, Args(endTimedOut: true));
            return true;
        }

        return false;
    }

    private TelephoneEventArgs Args(bool endTimedOut) => new(_event, _timestamp, _duration, _clockRate, _volume, endTimedOut);
}
