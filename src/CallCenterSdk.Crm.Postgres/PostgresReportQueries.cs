using System.Globalization;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>KPI reports on PostgreSQL: one GROUP BY with FILTER aggregates over the time index.</summary>
internal sealed class PostgresReportQueries(PostgresDatabase db) : IReportQueries
{
    public async Task AppendAgentStatesAsync(TenantId tenant, IReadOnlyList<AgentStateRecord> spans, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var span in spans)
        {
            AgentStateRules.Validate(span);
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var copy = await conn.BeginBinaryImportAsync("COPY agent_states(tenant, agent, state, started_at, ended_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var s in spans)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(t, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(s.Agent, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync((int)s.State, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(s.StartedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(s.EndedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KpiRow>> GetKpisAsync(TenantId tenant, KpiRequest request, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var key = request.Dimension switch
        {
            ReportDimension.Queue => "queue",
            ReportDimension.Agent => "agent",
            _ => "@t",
        };
        var answered = ((int)CallDisposition.Answered).ToString(CultureInfo.InvariantCulture);
        var abandoned = ((int)CallDisposition.Abandoned).ToString(CultureInfo.InvariantCulture);
        var counts = new List<(DateTimeOffset, string, KpiCounts)>();
        var zone = request.Zone;
        var wait = QueueWaitColumn.For(db.SchemaVersion).Milliseconds;
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One query per stretch of constant UTC offset (one unless the range crosses a daylight-saving change).
        foreach (var segment in OffsetSegment.Split(request.From, request.To, zone))
        {
#pragma warning disable CA2100 // Built from constants only; every value is a parameter.
            await using var cmd = new NpgsqlCommand($"""
            SELECT {BucketExpression(request.Granularity)} AS bucket, {key}::text AS k, count(*),
              count(*) FILTER (WHERE disposition = {answered}), count(*) FILTER (WHERE disposition = {abandoned}),
              count(*) FILTER (WHERE disposition = {abandoned} AND {wait} < @short), count(*) FILTER (WHERE disposition = {answered} AND {wait} <= @sl),
              count(*) FILTER (WHERE disposition = {abandoned} AND {wait} <= @sl),
              coalesce(sum({wait}) FILTER (WHERE disposition = {answered}), 0)::bigint,
              coalesce(sum({wait}) FILTER (WHERE disposition = {abandoned}), 0)::bigint,
              max({wait}),
              coalesce(sum(greatest(billable_s - hold_s, 0)) FILTER (WHERE disposition = {answered}), 0),
              coalesce(sum(hold_s) FILTER (WHERE disposition = {answered}), 0),
              coalesce(sum(wrap_up_s) FILTER (WHERE disposition = {answered}), 0),
              count(*) FILTER (WHERE transferred), count(survey_score), coalesce(sum(survey_score), 0)
            FROM cdrs
            WHERE tenant = @t AND started_at >= @from AND started_at < @to AND queue IS NOT NULL
              {(request.Dimension == ReportDimension.Agent ? "AND agent IS NOT NULL" : string.Empty)}
            GROUP BY 1, 2
            """, conn);
#pragma warning restore CA2100
            cmd.With("t", t).With("from", segment.From).With("to", segment.To).With("off", segment.Offset)
                .With("short", request.ShortAbandonThresholdSeconds * 1000L).With("sl", request.ServiceLevelThresholdSeconds * 1000L);
            if (ReportBuckets.FixedLength(request.Granularity) is { } length)
            {
                cmd.With("len", length);
            }

            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add((segment.BucketStart(r.Instant(0), request.Granularity, zone), r.GetString(1), new KpiCounts(
                    r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8),
                    r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16))));
            }
        }

        var spans = new List<AgentStateRecord>();
        if (request.Dimension != ReportDimension.Queue)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT agent, state, started_at, ended_at FROM agent_states
                WHERE tenant = @t AND started_at >= @lookback AND started_at < @to AND ended_at > @from
                """, conn);
            await using var r = await cmd.With("t", t).With("lookback", request.From - AgentStateRules.MaxSpan).With("from", request.From).With("to", request.To)
                .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                spans.Add(new AgentStateRecord(r.GetString(0), (AgentState)r.GetInt32(1), r.Instant(2), r.Instant(3)));
            }
        }

        return KpiReportBuilder.Build(request, counts, spans, t);
    }

    /// <summary>SQL for the bucket start of started_at, aligned in local time at a fixed offset (@off east of UTC).</summary>
    private static string BucketExpression(ReportGranularity granularity) => granularity switch
    {
        // 1970-01-05 was a Monday: ISO weeks are 7-day bins from there.
        ReportGranularity.Week => "date_bin(@len, started_at, TIMESTAMPTZ '1970-01-05 00:00:00+00' - @off)",
        ReportGranularity.Month => "(date_trunc('month', (started_at AT TIME ZONE 'UTC') + @off) - @off) AT TIME ZONE 'UTC'",
        _ => "date_bin(@len, started_at, TIMESTAMPTZ '1970-01-01 00:00:00+00' - @off)",
    };
}
