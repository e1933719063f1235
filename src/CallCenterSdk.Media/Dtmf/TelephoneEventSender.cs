namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// The RFC 4733 §2.5.1 sender as a pure state machine, ticked once per packet interval by the media clock:
/// the first packet carries the marker, every packet of an event carries the event's start timestamp with a
/// growing duration, the final packet (E bit) is sent three times, and events longer than 65,535 units are
/// split into segments (§2.5.1.3). The caller writes each packet through its <c>RtpSession</c> so sequence
/// numbers keep counting, and advances the session's audio clock while the event replaces audio.
/// </summary>
public sealed class TelephoneEventSender
{
    /// <summary>Copies of the final packet sent (RFC 4733 §2.5.1.4: the final packet plus two retransmissions).</summary>
    public const int EndPacketCount = 3;

    private readonly int _unitsPerTick;
    private readonly byte _volume;
    private byte _event;
    private uint _timestamp;
    private int _elapsed;
    private int _segmentStart;
    private int _total;
    private int _endsLeft;
    private bool _first;
    private State _state;

    /// <summary>Creates a sender ticked every <paramref name="unitsPerTick"/> timestamp units (160 = 20 ms at 8 kHz).</summary>
    /// <param name="unitsPerTick">Timestamp units between two packets.</param>
    /// <param name="volume">Power level in -dBm0 written in every packet (RFC 4733 §2.3.4); 10 by default.</param>
    public TelephoneEventSender(int unitsPerTick = 160, byte volume = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitsPerTick);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unitsPerTick, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, (byte)63);
        _unitsPerTick = unitsPerTick;
        _volume = volume;
    }

    private enum State
    {
        Idle,
        Playing,
        Ending,
    }

    /// <summary>True while packets remain to be sent for the current event.</summary>
    public bool IsActive => _state != State.Idle;

    /// <summary>
    /// Starts an event at <paramref name="timestamp"/> (the session's current timestamp) lasting
    /// <paramref name="durationUnits"/>; pass <see cref="int.MaxValue"/> for "until <see cref="Stop"/>".
    /// </summary>
    public void Start(byte eventCode, uint timestamp, int durationUnits)
    {
        if (_state != State.Idle)
        {
            throw new InvalidOperationException("An event is still being sent; wait until IsActive is false.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(eventCode, (byte)127);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationUnits);
        _event = eventCode;
        _timestamp = timestamp;
        _elapsed = 0;
        _segmentStart = 0;
        _total = durationUnits;
        _endsLeft = EndPacketCount;
        _first = true;
        _state = State.Playing;
    }

    /// <summary>Ends the event at its current duration (the key was released): the end packets follow.</summary>
    public void Stop()
    {
        if (_state == State.Playing)
        {
            _total = Math.Max(_elapsed, 1);
        }
    }

    /// <summary>
    /// Advances one packet interval and returns the packet to send; false when the event is over. Call once
    /// per tick of the media clock while <see cref="IsActive"/>.
    /// </summary>
    public bool TryNextPacket(out TelephoneEventPacket packet)
    {
        switch (_state)
        {
            case State.Playing:
                {
                    _elapsed = Math.Min(_total, _elapsed + _unitsPerTick);
                    var duration = _elapsed - _segmentStart;
                    var end = _elapsed >= _total;
                    if (duration > ushort.MaxValue || (duration == ushort.MaxValue && !end))
                    {
                        // RFC 4733 §2.5.1.3: a segment ends at the maximum duration without the E bit; the next
                        // segment starts at the timestamp where this one stopped.
                        packet = new TelephoneEventPacket(_timestamp, _first, new TelephoneEventPayload(_event, false, _volume, ushort.MaxValue));
                        _timestamp += ushort.MaxValue;
                        _segmentStart += ushort.MaxValue;
                        _first = false;
                        return true;
                    }

                    packet = new TelephoneEventPacket(_timestamp, _first, new TelephoneEventPayload(_event, end, _volume, (ushort)duration));
                    _first = false;
                    if (end)
                    {
                        _endsLeft = EndPacketCount - 1;
                        _state = _endsLeft > 0 ? State.Ending : State.Idle;
                    }

                    return true;
                }

            case State.Ending:
                packet = new TelephoneEventPacket(_timestamp, false, new TelephoneEventPayload(_event, true, _volume, (ushort)(_elapsed - _segmentStart)));
                if (--_endsLeft == 0)
                {
                    _state = State.Idle;
                }

                return true;

            default:
                packet = default;
                return false;
        }
    }
}
