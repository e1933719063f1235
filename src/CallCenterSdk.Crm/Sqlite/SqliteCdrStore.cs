using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>The CDR store on SQLite: appends go through the batching writer queue.</summary>
internal sealed class SqliteCdrStore(SqliteDatabase db) : ICdrStore
{
    private const string Columns = """
        call_id, leg_id, linked_id, direction, caller_number, caller_name, called_number, started_ms, answered_ms, ended_ms,
        duration_s, billable_s, disposition, sip_code, q850_cause, queue, agent, queue_wait_ms, hold_s, wrap_up_s, transferred,
        ivr_path, recording_id, codec, jitter_ms, loss_pct, mos, survey_score, variables
        """;

    private const string InsertSql = "INSERT INTO cdrs(tenant, " + Columns + """
        ) VALUES ($t, $p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18, $p19, $p20,
                  $p21, $p22, $p23, $p24, $p25, $p26, $p27, $p28)
        """;

    private const string InsertReturningSql = InsertSql + " RETURNING id";

    private const int FieldCount = 29;

    public Task<long> AppendAsync(TenantId tenant, CallDetailRecord cdr, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        CdrRules.Validate(cdr);
        return db.Writes.ExecuteAsync(w =>
        {
            var cmd = w.Command(InsertReturningSql);
            var ps = CreateParameters(cmd);
            ps[0].Value = t;
            Bind(ps, cdr);
            return (long)cmd.ExecuteScalar()!;
        }, cancellationToken);
    }

    public Task AppendManyAsync(TenantId tenant, IReadOnlyList<CallDetailRecord> cdrs, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(cdrs);
        foreach (var cdr in cdrs)
        {
            CdrRules.Validate(cdr);
        }

        return db.Writes.ExecuteAsync(w =>
        {
            // One statement compiled once per batch, values bound by position per row.
            SqliteCdrBulkInsert.Insert(w.Connection, InsertSql, t, cdrs);
            return cdrs.Count;
        }, cancellationToken);
    }

    private static SqliteParameter[] CreateParameters(SqliteCommand cmd)
    {
        var ps = new SqliteParameter[FieldCount + 1];
        // Untyped parameters: the storage class (INTEGER/REAL/TEXT/NULL) follows each value.
        ps[0] = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$t" });
        for (var i = 0; i < FieldCount; i++)
        {
            ps[i + 1] = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return ps;
    }

    private static void Bind(SqliteParameter[] ps, CallDetailRecord c)
    {
        static object N(object? v) => v ?? DBNull.Value;
        ps[1].Value = c.CallId;
        ps[2].Value = c.LegId;
        ps[3].Value = N(c.LinkedId);
        ps[4].Value = (int)c.Direction;
        ps[5].Value = N(c.CallerNumber);
        ps[6].Value = N(c.CallerName);
        ps[7].Value = N(c.CalledNumber);
        ps[8].Value = UnixMs.Of(c.StartedAt);
        ps[9].Value = c.AnsweredAt is { } a ? UnixMs.Of(a) : DBNull.Value;
        ps[10].Value = UnixMs.Of(c.EndedAt);
        ps[11].Value = c.DurationSeconds;
        ps[12].Value = c.BillableSeconds;
        ps[13].Value = (int)c.Disposition;
        ps[14].Value = N(c.SipCode);
        ps[15].Value = N(c.Q850Cause);
        ps[16].Value = N(c.Queue);
        ps[17].Value = N(c.Agent);
        ps[18].Value = c.QueueWaitMilliseconds;
        ps[19].Value = c.HoldSeconds;
        ps[20].Value = c.WrapUpSeconds;
        ps[21].Value = c.Transferred ? 1 : 0;
        ps[22].Value = N(c.IvrPath);
        ps[23].Value = N(c.RecordingId);
        ps[24].Value = N(c.Codec);
        ps[25].Value = N(c.JitterMs);
        ps[26].Value = N(c.LossPercent);
        ps[27].Value = N(c.Mos);
        ps[28].Value = N(c.SurveyScore);
        ps[29].Value = c.Variables is { Count: > 0 } v ? JsonMap.Write(v) : DBNull.Value;
    }

    public Task<Page<CallDetailRecord>> QueryAsync(TenantId tenant, CdrQuery query, PageRequest page, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var (afterMs, afterId) = page.Token is null ? (long.MinValue, long.MinValue) : PageToken.Decode(page.Token);
        using var conn = db.OpenReader();
        var number = query.Number;
        if (number is not null && E164.TryNormalize(number, DialPlanOf(conn, t), out var e164, out _))
        {
            number = e164;
        }

        using var cmd = conn.CreateCommand();
        // Only the filters present go into the SQL so SQLite can pick the matching index
        // (a "$x IS NULL OR col = $x" filter would hide it from the planner).
        var sql = new System.Text.StringBuilder("SELECT id, " + Columns + """
             FROM cdrs WHERE tenant = $t AND started_ms >= $from AND started_ms < $to
             AND (started_ms > $am OR (started_ms = $am AND id > $aid))
            """);
        cmd.With("$t", t).With("$from", UnixMs.Of(query.From)).With("$to", UnixMs.Of(query.To)).With("$am", afterMs).With("$aid", afterId);
        if (number is not null)
        {
            sql.Append(" AND (caller_number = $num OR called_number = $num)");
            cmd.With("$num", number);
        }

        if (query.Agent is not null)
        {
            sql.Append(" AND agent = $agent");
            cmd.With("$agent", query.Agent);
        }

        if (query.Queue is not null)
        {
            sql.Append(" AND queue = $queue");
            cmd.With("$queue", query.Queue);
        }

        if (query.Disposition is { } d)
        {
            sql.Append(" AND disposition = $disp");
            cmd.With("$disp", (int)d);
        }

        if (query.CallId is not null)
        {
            sql.Append(" AND call_id = $call");
            cmd.With("$call", query.CallId);
        }

        sql.Append(" ORDER BY started_ms, id LIMIT $n");
        cmd.With("$n", page.Size + 1);
#pragma warning disable CA2100 // Built from constants only; every value is a parameter.
        cmd.CommandText = sql.ToString();
#pragma warning restore CA2100
        using var r = cmd.ExecuteReader();
        var items = new List<CallDetailRecord>();
        var masking = db.Options.Masking;
        while (r.Read())
        {
            items.Add(new CallDetailRecord(
                Id: r.GetInt64(0),
                CallId: r.GetString(1),
                LegId: r.GetString(2),
                LinkedId: r.TextOrNull(3),
                Direction: (CallDirection)r.GetInt32(4),
                CallerNumber: masking.Apply(r.TextOrNull(5), role),
                CallerName: r.TextOrNull(6),
                CalledNumber: masking.Apply(r.TextOrNull(7), role),
                StartedAt: UnixMs.ToInstant(r.GetInt64(8)),
                AnsweredAt: r.Int64OrNull(9) is { } am ? UnixMs.ToInstant(am) : null,
                EndedAt: UnixMs.ToInstant(r.GetInt64(10)),
                Disposition: (CallDisposition)r.GetInt32(13),
                SipCode: r.Int32OrNull(14),
                Q850Cause: r.Int32OrNull(15),
                Queue: r.TextOrNull(16),
                Agent: r.TextOrNull(17),
                QueueWaitMilliseconds: r.GetInt64(18),
                HoldSeconds: r.GetInt32(19),
                WrapUpSeconds: r.GetInt32(20),
                Transferred: r.GetInt32(21) != 0,
                IvrPath: r.TextOrNull(22),
                RecordingId: r.TextOrNull(23),
                Codec: r.TextOrNull(24),
                JitterMs: r.DoubleOrNull(25),
                LossPercent: r.DoubleOrNull(26),
                Mos: r.DoubleOrNull(27),
                SurveyScore: r.Int32OrNull(28),
                Variables: r.IsDBNull(29) ? null : JsonMap.Read(r.GetString(29))));
        }

        return Task.FromResult(Paged.From(items, page.Size, c => PageToken.Encode(UnixMs.Of(c.StartedAt), c.Id)));
    }

    private DialPlan DialPlanOf(SqliteConnection conn, string tenant)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT country_code, national_prefix, international_prefix FROM tenant_settings WHERE tenant = $t";
        cmd.With("$t", tenant);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new DialPlan(r.GetString(0), r.GetString(1), r.GetString(2)) : db.Options.DefaultDialPlan;
    }

    public Task<long> CountAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM cdrs WHERE tenant = $t AND started_ms >= $from AND started_ms < $to";
        cmd.With("$t", t).With("$from", UnixMs.Of(from)).With("$to", UnixMs.Of(to));
        return Task.FromResult((long)cmd.ExecuteScalar()!);
    }
}
