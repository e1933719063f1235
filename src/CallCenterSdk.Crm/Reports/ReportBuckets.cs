namespace CallCenterSdk.Crm.Reports;

/// <summary>Bucket arithmetic shared by the stores and the agent-time split: where a bucket starts and ends.</summary>
public static class ReportBuckets
{
    /// <summary>The fixed length of a granularity, or null for months (the only variable-length bucket).</summary>
    /// <param name="granularity">The granularity.</param>
    /// <returns>The length, or null for months.</returns>
    public static TimeSpan? FixedLength(ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Interval15 => TimeSpan.FromMinutes(15),
        ReportGranularity.Interval30 => TimeSpan.FromMinutes(30),
        ReportGranularity.Interval60 => TimeSpan.FromHours(1),
        ReportGranularity.Day => TimeSpan.FromDays(1),
        ReportGranularity.Week => TimeSpan.FromDays(7),
        _ => null,
    };

    /// <summary>The start of the bucket holding <paramref name="instant"/>, in the local offset.</summary>
    /// <param name="instant">Any instant.</param>
    /// <param name="granularity">The granularity.</param>
    /// <param name="utcOffset">Local offset from UTC.</param>
    /// <returns>The bucket start, with <paramref name="utcOffset"/> as its offset.</returns>
    public static DateTimeOffset StartOf(DateTimeOffset instant, ReportGranularity granularity, TimeSpan utcOffset)
    {
        var local = instant.ToOffset(utcOffset);
        var date = local.Date;
        return granularity switch
        {
            ReportGranularity.Month => new DateTimeOffset(date.Year, date.Month, 1, 0, 0, 0, utcOffset),
            // ISO 8601 weeks start on Monday.
            ReportGranularity.Week => new DateTimeOffset(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), utcOffset),
            ReportGranularity.Day => new DateTimeOffset(date, utcOffset),
            _ => new DateTimeOffset(local.Ticks - (local.Ticks % FixedLength(granularity)!.Value.Ticks), utcOffset),
        };
    }

    /// <summary>The start of the bucket after the one starting at <paramref name="bucketStart"/>.</summary>
    /// <param name="bucketStart">A bucket start.</param>
    /// <param name="granularity">The granularity.</param>
    /// <returns>The next bucket's start.</returns>
    public static DateTimeOffset Next(DateTimeOffset bucketStart, ReportGranularity granularity) =>
        granularity == ReportGranularity.Month ? bucketStart.AddMonths(1) : bucketStart + FixedLength(granularity)!.Value;

    /// <summary>Splits agent-state spans into buckets and keys (the agent, or the tenant for tenant reports).</summary>
    /// <param name="spans">The spans overlapping the report range.</param>
    /// <param name="request">The report request (range, granularity, offset, dimension).</param>
    /// <param name="tenantKey">Key of tenant rows.</param>
    /// <returns>Agent time per (bucket start, key).</returns>
    public static Dictionary<(DateTimeOffset Bucket, string Key), AgentTime> SplitAgentTime(IEnumerable<AgentStateRecord> spans, KpiRequest request, string tenantKey)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(request);
        var result = new Dictionary<(DateTimeOffset, string), AgentTime>();
        foreach (var span in spans)
        {
            // Only the part of each span inside [From, To) counts.
            var start = span.StartedAt > request.From ? span.StartedAt : request.From;
            var end = span.EndedAt < request.To ? span.EndedAt : request.To;
            var key = request.Dimension == ReportDimension.Agent ? span.Agent : tenantKey;
            var bucket = StartOf(start, request.Granularity, request.UtcOffset);
            while (start < end)
            {
                var next = Next(bucket, request.Granularity);
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
