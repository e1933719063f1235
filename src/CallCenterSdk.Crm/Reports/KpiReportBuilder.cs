namespace CallCenterSdk.Crm.Reports;

/// <summary>Joins the database's per-bucket sums (bucket starts already in the request's zone) with agent time and applies <see cref="KpiFormulas"/>.</summary>
internal static class KpiReportBuilder
{
    public static IReadOnlyList<KpiRow> Build(KpiRequest request, IEnumerable<(DateTimeOffset Bucket, string Key, KpiCounts Counts)> counts, IEnumerable<AgentStateRecord> spans, string tenantKey)
    {
        var byKey = new Dictionary<(DateTimeOffset, string), KpiCounts>();
        foreach (var (bucket, key, c) in counts)
        {
            // A day, week or month cut by an offset change comes from two offset segments: add the halves.
            byKey[(bucket, key)] = byKey.TryGetValue((bucket, key), out var earlier) ? Merge(earlier, c) : c;
        }

        Dictionary<(DateTimeOffset Bucket, string Key), AgentTime>? agentTime = null;
        if (request.Dimension != ReportDimension.Queue)
        {
            agentTime = ReportBuckets.SplitAgentTime(spans, request, tenantKey);
            foreach (var k in agentTime.Keys)
            {
                byKey.TryAdd(k, Empty);
            }
        }

        var rows = new List<KpiRow>(byKey.Count);
        foreach (var ((bucket, key), c) in byKey)
        {
            AgentTime? time = null;
            if (agentTime is not null)
            {
                time = agentTime.TryGetValue((bucket, key), out var t) ? t : default(AgentTime);
            }

            rows.Add(KpiFormulas.Compute(bucket, key, c, request.ServiceLevel, time));
        }

        rows.Sort(static (a, b) =>
        {
            var byBucket = a.BucketStart.CompareTo(b.BucketStart);
            return byBucket != 0 ? byBucket : string.CompareOrdinal(a.Key, b.Key);
        });
        return rows;
    }

    private static KpiCounts Merge(KpiCounts a, KpiCounts b) => new(
        a.Offered + b.Offered, a.Answered + b.Answered, a.Abandoned + b.Abandoned, a.ShortAbandoned + b.ShortAbandoned,
        a.AnsweredWithinThreshold + b.AnsweredWithinThreshold, a.AbandonedWithinThreshold + b.AbandonedWithinThreshold,
        a.AnswerWaitMilliseconds + b.AnswerWaitMilliseconds, a.AbandonWaitMilliseconds + b.AbandonWaitMilliseconds, Math.Max(a.MaxWaitMilliseconds, b.MaxWaitMilliseconds),
        a.TalkSeconds + b.TalkSeconds, a.HoldSeconds + b.HoldSeconds, a.WrapUpSeconds + b.WrapUpSeconds, a.Transfers + b.Transfers,
        a.SurveyCount + b.SurveyCount, a.SurveySum + b.SurveySum);

    public static KpiCounts Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
