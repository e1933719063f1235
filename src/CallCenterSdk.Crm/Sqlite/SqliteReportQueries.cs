using System.Globalization;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>KPI reports on SQLite: one GROUP BY over the time index computes every sum per bucket and key.</summary>
internal sealed class SqliteReportQueries(SqliteDatabase db) : IReportQueries
{
    public Task AppendAgentStatesAsync(TenantId tenant, IReadOnlyList<AgentStateRecord> spans, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var span in spans)
        {
            AgentStateRules.Validate(span);
        }

        return db.Writes.ExecuteAsync(w =>
        {
            foreach (var s in spans)
            {
                w.Command("INSERT INTO agent_states(tenant, agent, state, started_ms, ended_ms) VALUES ($t, $a, $s, $b, $e)")
                    .With("$t", t).With("$a", s.Agent).With("$s", (int)s.State).With("$b", UnixMs.Of(s.StartedAt)).With("$e", UnixMs.Of(s.EndedAt)).ExecuteNonQuery();
            }

            return spans.Count;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<KpiRow>> GetKpisAsync(TenantId tenant, KpiRequest request, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var bucket = BucketExpression(request.Granularity);
        var key = request.Dimension switch
        {
            ReportDimension.Queue => "queue",
            ReportDimension.Agent => "agent",
            _ => "$t",
        };
        var answered = ((int)CallDisposition.Answered).ToString(CultureInfo.InvariantCulture);
        var abandoned = ((int)CallDisposition.Abandoned).ToString(CultureInfo.InvariantCulture);
        var zone = request.Zone;
        using var conn = db.OpenReader();
        var counts = new List<(DateTimeOffset, string, KpiCounts)>();
        // One query per stretch of constant UTC offset (one unless the range crosses a daylight-saving change).
        foreach (var segment in OffsetSegment.Split(request.From, request.To, zone))
        {
            using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // Built from constants only; every value is a parameter.
            cmd.CommandText = $"""
                SELECT {bucket} AS bucket, {key} AS k, COUNT(*),
                  SUM(disposition = {answered}), SUM(disposition = {abandoned}),
                  SUM(disposition = {abandoned} AND queue_wait_ms < $short), SUM(disposition = {answered} AND queue_wait_ms <= $sl), SUM(disposition = {abandoned} AND queue_wait_ms <= $sl),
                  SUM(CASE WHEN disposition = {answered} THEN queue_wait_ms ELSE 0 END),
                  SUM(CASE WHEN disposition = {abandoned} THEN queue_wait_ms ELSE 0 END),
                  MAX(queue_wait_ms),
                  SUM(CASE WHEN disposition = {answered} THEN MAX(billable_s - hold_s, 0) ELSE 0 END),
                  SUM(CASE WHEN disposition = {answered} THEN hold_s ELSE 0 END),
                  SUM(CASE WHEN disposition = {answered} THEN wrap_up_s ELSE 0 END),
                  SUM(transferred), COUNT(survey_score), COALESCE(SUM(survey_score), 0)
                FROM cdrs
                WHERE tenant = $t AND started_ms >= $from AND started_ms < $to AND queue IS NOT NULL
                  {(request.Dimension == ReportDimension.Agent ? "AND agent IS NOT NULL" : string.Empty)}
                GROUP BY bucket, k
                """;
#pragma warning restore CA2100
            cmd.With("$t", t).With("$from", UnixMs.Of(segment.From)).With("$to", UnixMs.Of(segment.To)).With("$off", (long)segment.Offset.TotalMilliseconds)
                .With("$short", request.ShortAbandonThresholdSeconds * 1000L).With("$sl", request.ServiceLevelThresholdSeconds * 1000L);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                counts.Add((segment.BucketStart(UnixMs.ToInstant(r.GetInt64(0)), request.Granularity, zone), r.GetString(1), new KpiCounts(
                    r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8),
                    r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16))));
            }
        }

        var spans = new List<AgentStateRecord>();
        if (request.Dimension != ReportDimension.Queue)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                SELECT agent, state, started_ms, ended_ms FROM agent_states
                WHERE tenant = $t AND started_ms >= $lookback AND started_ms < $to AND ended_ms > $from
                """;
            cmd.With("$t", t).With("$lookback", UnixMs.Of(request.From - AgentStateRules.MaxSpan)).With("$from", UnixMs.Of(request.From)).With("$to", UnixMs.Of(request.To));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                spans.Add(new AgentStateRecord(r.GetString(0), (AgentState)r.GetInt32(1), UnixMs.ToInstant(r.GetInt64(2)), UnixMs.ToInstant(r.GetInt64(3))));
            }
        }

        return Task.FromResult(KpiReportBuilder.Build(request, counts, spans, t));
    }

    /// <summary>SQL for the bucket start (UTC ms) of started_ms, aligned in local time at a fixed offset ($off ms east of UTC).</summary>
    private static string BucketExpression(ReportGranularity granularity)
    {
        if (ReportBuckets.FixedLength(granularity) is { } length && granularity != ReportGranularity.Week)
        {
            var ms = ((long)length.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            return $"((started_ms + $off) / {ms}) * {ms} - $off";
        }

        return granularity == ReportGranularity.Week
            // 1970-01-01 was a Thursday: day + 3 mod 7 is the days since Monday (ISO weeks).
            ? "(((started_ms + $off) / 86400000) - (((started_ms + $off) / 86400000 + 3) % 7)) * 86400000 - $off"
            : "CAST(strftime('%s', (started_ms + $off) / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000 - $off";
    }
}
