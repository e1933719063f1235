using System.Text;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>The CDR store on PostgreSQL: single appends are INSERTs, bulk appends use binary COPY, both into day partitions.</summary>
internal sealed class PostgresCdrStore(PostgresDatabase db, PostgresCustomerDirectory directory) : ICdrStore
{
    private readonly CdrDayPartitions _days = new();
    private readonly QueueWaitColumn _wait = QueueWaitColumn.For(db.SchemaVersion);

    private const string ColumnsTemplate = """
        call_id, leg_id, linked_id, direction, caller_number, caller_name, called_number, started_at, answered_at, ended_at,
        duration_s, billable_s, disposition, sip_code, q850_cause, queue, agent, {wait}, hold_s, wrap_up_s, transferred,
        ivr_path, recording_id, codec, jitter_ms, loss_pct, mos, survey_score, variables
        """;

    private string InsertColumns => field ??= ColumnsTemplate.Replace("{wait}", _wait.Name, StringComparison.Ordinal);

    private string SelectColumns => field ??= ColumnsTemplate.Replace("{wait}", _wait.Milliseconds, StringComparison.Ordinal);

    public async Task<long> AppendAsync(TenantId tenant, CallDetailRecord cdr, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        CdrRules.Validate(cdr);
        return await WithDayPartitionsAsync([cdr], (conn, ct) => InsertAsync(conn, t, cdr, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> InsertAsync(NpgsqlConnection conn, string t, CallDetailRecord cdr, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO cdrs(tenant, " + InsertColumns + """
            ) VALUES (@t, @callId, @legId, @linkedId, @direction, @callerNumber, @callerName, @calledNumber, @startedAt, @answeredAt, @endedAt,
              @duration, @billable, @disposition, @sipCode, @q850, @queue, @agent, @wait, @hold, @wrap, @transferred,
              @ivr, @recording, @codec, @jitter, @loss, @mos, @survey, @variables) RETURNING id
            """, conn);
        cmd.With("t", t).With("callId", cdr.CallId).With("legId", cdr.LegId).With("linkedId", cdr.LinkedId).With("direction", (short)cdr.Direction)
            .With("callerNumber", cdr.CallerNumber).With("callerName", cdr.CallerName).With("calledNumber", cdr.CalledNumber)
            .With("startedAt", NpgsqlDbType.TimestampTz, cdr.StartedAt).With("answeredAt", NpgsqlDbType.TimestampTz, cdr.AnsweredAt).With("endedAt", NpgsqlDbType.TimestampTz, cdr.EndedAt)
            .With("duration", cdr.DurationSeconds).With("billable", cdr.BillableSeconds).With("disposition", (short)cdr.Disposition)
            .With("sipCode", NpgsqlDbType.Integer, cdr.SipCode).With("q850", NpgsqlDbType.Integer, cdr.Q850Cause).With("queue", NpgsqlDbType.Text, cdr.Queue).With("agent", NpgsqlDbType.Text, cdr.Agent)
            .With("wait", _wait.Type, _wait.Value(cdr.QueueWaitMilliseconds)).With("hold", cdr.HoldSeconds).With("wrap", cdr.WrapUpSeconds).With("transferred", cdr.Transferred)
            .With("ivr", NpgsqlDbType.Text, cdr.IvrPath).With("recording", NpgsqlDbType.Text, cdr.RecordingId).With("codec", NpgsqlDbType.Text, cdr.Codec)
            .With("jitter", NpgsqlDbType.Double, cdr.JitterMs).With("loss", NpgsqlDbType.Double, cdr.LossPercent).With("mos", NpgsqlDbType.Double, cdr.Mos)
            .With("survey", NpgsqlDbType.Integer, cdr.SurveyScore).With("variables", NpgsqlDbType.Jsonb, cdr.Variables is { Count: > 0 } v ? JsonMap.Write(v) : null);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task AppendManyAsync(TenantId tenant, IReadOnlyList<CallDetailRecord> cdrs, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(cdrs);
        foreach (var cdr in cdrs)
        {
            CdrRules.Validate(cdr);
        }

        if (cdrs.Count > 0)
        {
            await WithDayPartitionsAsync(cdrs, (conn, ct) => CopyAsync(conn, t, cdrs, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a write after making sure the partitions of its days exist; when one was dropped meanwhile
    /// (the write fails for want of a partition), forgets the known days and runs it once more.</summary>
    private async Task<T> WithDayPartitionsAsync<T>(IReadOnlyList<CallDetailRecord> cdrs, Func<NpgsqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (db.SchemaVersion >= 4)
            {
                await _days.EnsureAsync(conn, cdrs.Select(c => c.StartedAt), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await write(conn, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (attempt == 0 && db.SchemaVersion >= 4 && CdrDayPartitions.IsMissingPartition(e))
            {
                _days.Forget();
            }
        }
    }

    private async Task<int> CopyAsync(NpgsqlConnection conn, string t, IReadOnlyList<CallDetailRecord> cdrs, CancellationToken cancellationToken)
    {
        // Binary COPY is one round trip for the whole batch; Complete() commits it atomically.
        await using var copy = await conn.BeginBinaryImportAsync("COPY cdrs(tenant, " + InsertColumns + ") FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var c in cdrs)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(t, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.CallId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.LegId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.LinkedId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync((short)c.Direction, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.CallerNumber, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.CallerName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.CalledNumber, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.StartedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.AnsweredAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.EndedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.DurationSeconds, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.BillableSeconds, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync((short)c.Disposition, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.SipCode, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.Q850Cause, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.Queue, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.Agent, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(_wait.Value(c.QueueWaitMilliseconds), _wait.Type, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.HoldSeconds, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.WrapUpSeconds, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(c.Transferred, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.IvrPath, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.RecordingId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.Codec, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.JitterMs, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.LossPercent, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.Mos, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.SurveyScore, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await WriteNullable(copy, c.Variables is { Count: > 0 } v ? JsonMap.Write(v) : null, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return cdrs.Count;
    }

    private static Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    public async Task<Page<CallDetailRecord>> QueryAsync(TenantId tenant, CdrQuery query, PageRequest page, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var (afterUs, afterId) = page.Token is null ? (long.MinValue, long.MinValue) : PageToken.Decode(page.Token);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var number = query.Number;
        if (number is not null)
        {
            var plan = await directory.ReadDialPlanAsync(conn, null, t, cancellationToken).ConfigureAwait(false);
            if (E164.TryNormalize(number, plan, out var e164, out _))
            {
                number = e164;
            }
        }

        await using var cmd = new NpgsqlCommand { Connection = conn };
        // Only the filters present go into the SQL so the planner picks the matching index.
        var sql = new StringBuilder("SELECT id, " + SelectColumns + " FROM cdrs WHERE tenant = @t AND started_at >= @from AND started_at < @to");
        cmd.With("t", t).With("from", query.From).With("to", query.To);
        if (page.Token is not null)
        {
            sql.Append(" AND (started_at, id) > (@am, @aid)");
            cmd.With("am", Microseconds.ToInstant(afterUs)).With("aid", afterId);
        }
        if (number is not null)
        {
            sql.Append(" AND (caller_number = @num OR called_number = @num)");
            cmd.With("num", number);
        }

        if (query.Agent is not null)
        {
            sql.Append(" AND agent = @agent");
            cmd.With("agent", query.Agent);
        }

        if (query.Queue is not null)
        {
            sql.Append(" AND queue = @queue");
            cmd.With("queue", query.Queue);
        }

        if (query.Disposition is { } d)
        {
            sql.Append(" AND disposition = @disp");
            cmd.With("disp", (short)d);
        }

        if (query.CallId is not null)
        {
            sql.Append(" AND call_id = @call");
            cmd.With("call", query.CallId);
        }

        sql.Append(" ORDER BY started_at, id LIMIT @n");
        cmd.With("n", page.Size + 1);
#pragma warning disable CA2100 // Built from constants only; every value is a parameter.
        cmd.CommandText = sql.ToString();
#pragma warning restore CA2100
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<CallDetailRecord>();
        var masking = db.Options.Masking;
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new CallDetailRecord(
                Id: r.GetInt64(0),
                CallId: r.GetString(1),
                LegId: r.GetString(2),
                LinkedId: r.TextOrNull(3),
                Direction: (CallDirection)r.GetInt16(4),
                CallerNumber: masking.Apply(r.TextOrNull(5), role),
                CallerName: r.TextOrNull(6),
                CalledNumber: masking.Apply(r.TextOrNull(7), role),
                StartedAt: r.Instant(8),
                AnsweredAt: r.InstantOrNull(9),
                EndedAt: r.Instant(10),
                Disposition: (CallDisposition)r.GetInt16(13),
                SipCode: r.Int32OrNull(14),
                Q850Cause: r.Int32OrNull(15),
                Queue: r.TextOrNull(16),
                Agent: r.TextOrNull(17),
                QueueWaitMilliseconds: r.GetInt64(18),
                HoldSeconds: r.GetInt32(19),
                WrapUpSeconds: r.GetInt32(20),
                Transferred: r.GetBoolean(21),
                IvrPath: r.TextOrNull(22),
                RecordingId: r.TextOrNull(23),
                Codec: r.TextOrNull(24),
                JitterMs: r.DoubleOrNull(25),
                LossPercent: r.DoubleOrNull(26),
                Mos: r.DoubleOrNull(27),
                SurveyScore: r.Int32OrNull(28),
                Variables: r.IsDBNull(29) ? null : JsonMap.Read(r.GetString(29))));
        }

        return Paged.From(items, page.Size, x => PageToken.Encode(Microseconds.Of(x.StartedAt), x.Id));
    }

    public async Task<long> CountAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM cdrs WHERE tenant = @t AND started_at >= @from AND started_at < @to", conn);
        return (long)(await cmd.With("t", t).With("from", from).With("to", to).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
