namespace CallCenterSdk.Media.Dtmf;

/// <summary>An RFC 4733 event as a <see cref="TelephoneEventReceiver"/> surfaces it.</summary>
public sealed class TelephoneEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public TelephoneEventArgs(byte eventCode, uint timestamp, int durationUnits, int clockRate, byte volume, bool endTimedOut)
    {
        EventCode = eventCode;
        Timestamp = timestamp;
        DurationUnits = durationUnits;
        Duration = TimeSpan.FromTicks(durationUnits * TimeSpan.TicksPerSecond / clockRate);
        Volume = volume;
        EndTimedOut = endTimedOut;
    }

    /// <summary>The event code (0-15 DTMF, 16 flash).</summary>
    public byte EventCode { get; }

    /// <summary>The keypad character of the event ('\0' for non-DTMF events).</summary>
    public char Digit => TelephoneEventCode.ToDigit(EventCode);

    /// <summary>The event's RTP timestamp (its start).</summary>
    public uint Timestamp { get; }

    /// <summary>The duration known so far (the final duration for an end), in timestamp units.</summary>
    public int DurationUnits { get; }

    /// <summary>The same duration as time.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The power level in -dBm0.</summary>
    public byte Volume { get; }

    /// <summary>True when the end was inferred because end packets were lost (timeout or the next event began).</summary>
    public bool EndTimedOut { get; }
}
