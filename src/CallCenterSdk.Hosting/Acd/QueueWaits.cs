namespace CallCenterSdk.Hosting.Acd;

/// <summary>
/// The one rounding of queue waits the center uses: whole milliseconds, truncated. The CDR stores the ACD's wait this
/// way (<see cref="CallCenterSdk.Crm.Cdr.CallDetailRecord.QueueWaitMilliseconds"/>) and the real-time statistics count
/// it this way, so the wallboard and the report sum the same numbers and compare the same numbers with the
/// service-level and short-abandon thresholds.
/// </summary>
internal static class QueueWaits
{
    /// <summary>The wait in whole milliseconds, the fraction dropped (waits are never negative).</summary>
    public static long Milliseconds(TimeSpan wait) => wait.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>The wait truncated to whole milliseconds.</summary>
    public static TimeSpan Truncate(TimeSpan wait) => TimeSpan.FromTicks(Milliseconds(wait) * TimeSpan.TicksPerMillisecond);
}
