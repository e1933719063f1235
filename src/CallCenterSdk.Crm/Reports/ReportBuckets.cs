namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// Bucket arithmetic shared by the stores and the agent-time split: where a bucket starts and ends in the center's
/// time zone. Days, weeks and months run from local midnight to local midnight, so a day has 23 or 25 hours when
/// daylight saving starts or ends; 15/30/60-minute intervals are slices of real time aligned to the local clock, so
/// the repeated hour of an autumn change yields two distinct intervals (same local label, different offsets).
/// </summary>
public static class ReportBuckets
{
    /// <summary>The fixed length of a granularity, or null for months (the only variable-length bucket).</summary>
    /// <param name="granularity">The granularity.</param>
    /// <returns>The length, or null for months. Days and weeks are this long only in a zone without daylight saving.</returns>
    public static TimeSpan? FixedLength(ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Interval15 => TimeSpan.FromMinutes(15),
        ReportGranularity.Interval30 => TimeSpan.FromMinutes(30),
        ReportGranularity.Interval60 => TimeSpan.FromHours(1),
        ReportGranularity.Day => TimeSpan.FromDays(1),
        ReportGranularity.Week => TimeSpan.FromDays(7),
        _ => null,
    };

    /// <summary>The start of the bucket holding <paramref name="instant"/> in a time zone.</summary>
    /// <param name="instant">Any instant.</param>
    /// <param name="granularity">The granularity.</param>
    /// <param name="zone">The center's time zone.</param>
    /// <returns>The bucket start, with the zone's offset at that instant.</returns>
    public static DateTimeOffset StartOf(DateTimeOffset instant, ReportGranularity granularity, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = local.Date;
        return granularity switch
        {
            ReportGranularity.Month => StartOfDay(new DateTime(date.Year, date.Month, 1), zone),
            // ISO 8601 weeks start on Monday.
            ReportGranularity.Week => StartOfDay(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), zone),
            ReportGranularity.Day => StartOfDay(date, zone),
            _ => new DateTimeOffset(local.Ticks - (local.Ticks % FixedLength(granularity)!.Value.Ticks), local.Offset),
        };
    }

    /// <summary>The start of the bucket holding <paramref name="instant"/> at a fixed offset from UTC. Correct only for a
    /// center whose local time never changes offset (no daylight saving); otherwise use the <see cref="TimeZoneInfo"/> overload.</summary>
    /// <param name="instant">Any instant.</param>
    /// <param name="granularity">The granularity.</param>
    /// <param name="utcOffset">Local offset from UTC.</param>
    /// <returns>The bucket start, with <paramref name="utcOffset"/> as its offset.</returns>
    public static DateTimeOffset StartOf(DateTimeOffset instant, ReportGranularity granularity, TimeSpan utcOffset) =>
        StartOf(instant, granularity, FixedZone(utcOffset));

    /// <summary>The start of the bucket after the one starting at <paramref name="bucketStart"/> in a time zone.</summary>
    /// <param name="bucketStart">A bucket start.</param>
    /// <param name="granularity">The granularity.</param>
    /// <param name="zone">The center's time zone.</param>
    /// <returns>The next bucket's start, with the zone's offset at that instant.</returns>
    public static DateTimeOffset Next(DateTimeOffset bucketStart, ReportGranularity granularity, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = TimeZoneInfo.ConvertTime(bucketStart, zone).Date;
        return granularity switch
        {
            ReportGranularity.Month => StartOfDay(new DateTime(date.Year, date.Month, 1).AddMonths(1), zone),
            ReportGranularity.Week => StartOfDay(date.AddDays(7), zone),
            ReportGranularity.Day => StartOfDay(date.AddDays(1), zone),
            _ => TimeZoneInfo.ConvertTime(bucketStart + FixedLength(granularity)!.Value, zone),
        };
    }

    /// <summary>The start of the bucket after the one starting at <paramref name="bucketStart"/>, at the bucket start's
    /// own offset (correct only where local time never changes offset; see the <see cref="TimeZoneInfo"/> overload).</summary>
    /// <param name="bucketStart">A bucket start.</param>
    /// <param name="granularity">The granularity.</param>
    /// <returns>The next bucket's start.</returns>
    public static DateTimeOffset Next(DateTimeOffset bucketStart, ReportGranularity granularity) =>
        Next(bucketStart, granularity, FixedZone(bucketStart.Offset));

    /// <summary>The first instant of a local calendar day: local midnight, or the end of the gap when the clocks
    /// jump over midnight; of a repeated midnight, the first.</summary>
    /// <param name="date">The local date (its time of day is ignored).</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The instant, with the zone's offset at it.</returns>
    public static DateTimeOffset StartOfDay(DateTime date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(wall))
        {
            // Before the change the offset is the larger one (clocks went back): that midnight comes first.
            return new DateTimeOffset(wall, zone.GetAmbiguousTimeOffsets(wall).Max());
        }

        // Midnight skipped by a spring change: the day starts where the gap ends (gaps are whole minutes).
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>A zone that is always <paramref name="utcOffset"/> from UTC.</summary>
    /// <param name="utcOffset">The offset, whole minutes within ±14 h.</param>
    /// <returns>The zone.</returns>
    public static TimeZoneInfo FixedZone(TimeSpan utcOffset) =>
        utcOffset == TimeSpan.Zero
            ? TimeZoneInfo.Utc
            : TimeZoneInfo.CreateCustomTimeZone(
                "UTC" + (utcOffset < TimeSpan.Zero ? "-" : "+") + utcOffset.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture), utcOffset, null, null);

    /// <summary>Splits agent-state spans into buckets and keys (the agent, or the tenant for tenant reports).</summary>
    /// <param name="spans">The spans overlapping the report range.</param>
    /// <param name="request">The report request (range, granularity, time zone, dimension).</param>
    /// <param name="tenantKey">Key of tenant rows.</param>
    /// <returns>Agent time per (bucket start, key).</returns>
    public static Dictionary<(DateTimeOffset Bucket, string Key), AgentTime> SplitAgentTime(IEnumerable<AgentStateRecord> spans, KpiRequest request, string tenantKey)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(request);
        var zone = request.Zone;
        var result = new Dictionary<(DateTimeOffset, string), AgentTime>();
        foreach (var span in spans)
        {
            // Only the part of each span inside [From, To) counts.
            var start = span.StartedAt > request.From ? span.StartedAt : request.From;
            var end = span.EndedAt < request.To ? span.EndedAt : request.To;
            var key = request.Dimension == ReportDimension.Agent ? span.Agent : tenantKey;
            var bucket = StartOf(start, request.Granularity, zone);
            while (start < end)
            {
                var next = Next(bucket, request.Granularity, zone);
                var pieceEnd = next < end ? next : end;
                var seconds = (pieceEnd - start).TotalSeconds;
                var add = span.State switch
                {
                    AgentState.Available => new AgentTime(seconds, 0, 0, 0),
                    AgentState.OnCall => new AgentTime(0, seconds, 0, 0),
                    AgentState.WrapUp => new AgentTime(0, 0, seconds, 0),
                    _ => new AgentTime(0, 0, 0, seconds),
                };
                result[(bucket, key)] = result.TryGetValue((bucket, key), out var sum) ? sum + add : add;
                start = pieceEnd;
                bucket = next;
            }
        }

        return result;
    }
}
