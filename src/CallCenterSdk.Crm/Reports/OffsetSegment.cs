namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// A part of a report range over which the center's time zone keeps one UTC offset. The stores bucket each part in SQL
/// with that fixed offset (cheap arithmetic on the time column) and <see cref="BucketStart"/> maps the result to the
/// zone's bucket: a day cut by a daylight-saving change comes back from two parts and is merged.
/// </summary>
/// <param name="From">Start (inclusive).</param>
/// <param name="To">End (exclusive).</param>
/// <param name="Offset">The zone's offset from UTC throughout.</param>
internal readonly record struct OffsetSegment(DateTimeOffset From, DateTimeOffset To, TimeSpan Offset)
{
    // Offset changes lie months apart; probing every 6 hours cannot step over one without seeing the offset differ.
    private static readonly TimeSpan Probe = TimeSpan.FromHours(6);

    /// <summary>Splits [from, to) where the zone's offset changes.</summary>
    public static List<OffsetSegment> Split(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var parts = new List<OffsetSegment>();
        var start = from;
        var offset = zone.GetUtcOffset(from);
        if (zone.GetAdjustmentRules().Length == 0)
        {
            parts.Add(new OffsetSegment(from, to, offset));
            return parts;
        }

        var low = from;
        while (low < to)
        {
            var high = low + Probe < to ? low + Probe : to.AddTicks(-1);
            if (high <= low || zone.GetUtcOffset(high) == offset)
            {
                low = high <= low ? to : high;
                continue;
            }

            // The change lies in (low, high]: halve down to the tick.
            while (high.UtcTicks - low.UtcTicks > 1)
            {
                var middle = new DateTimeOffset(low.UtcTicks + ((high.UtcTicks - low.UtcTicks) / 2), TimeSpan.Zero);
                if (zone.GetUtcOffset(middle) == offset)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            parts.Add(new OffsetSegment(start, high, offset));
            start = high;
            low = high;
            offset = zone.GetUtcOffset(high);
        }

        parts.Add(new OffsetSegment(start, to, offset));
        return parts;
    }

    /// <summary>Maps the start of a bucket computed at this part's fixed offset to the zone's bucket start.</summary>
    public DateTimeOffset BucketStart(DateTimeOffset fixedOffsetStart, ReportGranularity granularity, TimeZoneInfo zone) =>
        granularity is ReportGranularity.Day or ReportGranularity.Week or ReportGranularity.Month
            // The local date the SQL saw is right; its midnight may lie at the other offset of the day.
            ? ReportBuckets.StartOfDay(fixedOffsetStart.ToOffset(Offset).DateTime, zone)
            // Intervals are real-time slices: the instant is right, shown at this part's offset.
            : fixedOffsetStart.ToOffset(Offset);
}
