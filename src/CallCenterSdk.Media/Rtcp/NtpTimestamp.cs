namespace CallCenterSdk.Media.Rtcp;

/// <summary>
/// The 64-bit NTP timestamp of sender reports (RFC 3550 §4): seconds since 1900-01-01 in the high 32 bits,
/// the fraction of a second in the low 32.
/// </summary>
/// <param name="Value">The raw 64-bit value.</param>
public readonly record struct NtpTimestamp(ulong Value)
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The middle 32 bits, as carried in LSR and used for round-trip time (RFC 3550 §6.4.1).</summary>
    public uint Middle32 => (uint)(Value >> 16);

    /// <summary>Converts a wall-clock time.</summary>
    public static NtpTimestamp FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = (time - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond);
        return new NtpTimestamp((seconds << 32) | ((fraction << 32) / TimeSpan.TicksPerSecond));
    }

    /// <summary>Converts back to wall-clock time (to 100 ns).</summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        var seconds = (long)(Value >> 32);
        var fraction = (long)((Value & 0xFFFFFFFF) * TimeSpan.TicksPerSecond >> 32);
        return Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + fraction);
    }

    /// <summary>Converts a duration to the 1/65536-second units of DLSR and of the middle 32 bits.</summary>
    public static uint ToCompactUnits(TimeSpan duration) => (uint)Math.Clamp(duration.Ticks * 65536 / TimeSpan.TicksPerSecond, 0, uint.MaxValue);

    /// <summary>Converts 1/65536-second units back to a duration.</summary>
    public static TimeSpan FromCompactUnits(uint units) => TimeSpan.FromTicks((long)units * TimeSpan.TicksPerSecond / 65536);
}
