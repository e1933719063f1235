using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>The recording index on PostgreSQL.</summary>
internal sealed class PostgresRecordingIndex(PostgresDatabase db) : IRecordingIndex
{
    private const string Select = "SELECT id, recording_id, call_id, agent, queue, caller_number, started_at, duration_s, format, location, size_bytes, retain_until FROM recordings";

    public async Task AddAsync(TenantId tenant, Recording recording, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        RecordingRules.Validate(recording);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO recordings(tenant, recording_id, call_id, agent, queue, caller_number, started_at, duration_s, format, location, size_bytes, retain_until)
            VALUES (@t, @r, @c, @a, @q, @n, @s, @d, @f, @l, @z, @u)
            """, conn);
        cmd.With("t", t).With("r", recording.RecordingId).With("c", recording.CallId).With("a", NpgsqlDbType.Text, recording.Agent).With("q", NpgsqlDbType.Text, recording.Queue)
            .With("n", NpgsqlDbType.Text, recording.CallerNumber).With("s", recording.StartedAt).With("d", recording.DurationSeconds).With("f", recording.Format)
            .With("l", recording.Location).With("z", recording.SizeBytes).With("u", recording.RetainUntil);
        try
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            throw new CrmValidationException("recordingId", $"'{recording.RecordingId}' is already indexed in this tenant");
        }
    }

    public async Task<Page<Recording>> SearchAsync(TenantId tenant, RecordingQuery query, PageRequest page, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var (afterUs, afterId) = page.Token is null ? (0L, 0L) : PageToken.Decode(page.Token);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(Select + """
             WHERE tenant = @t AND started_at >= @from AND started_at < @to AND (@first OR (started_at, id) > (@am, @aid))
             AND (@a::text IS NULL OR agent = @a) AND (@c::text IS NULL OR call_id = @c) AND (@q::text IS NULL OR queue = @q)
             ORDER BY started_at, id LIMIT @n
            """, conn);
        cmd.With("t", t).With("from", query.From).With("to", query.To).With("first", page.Token is null)
            .With("am", page.Token is null ? DateTimeOffset.UnixEpoch : Microseconds.ToInstant(afterUs)).With("aid", afterId)
            .With("a", NpgsqlDbType.Text, query.Agent).With("c", NpgsqlDbType.Text, query.CallId).With("q", NpgsqlDbType.Text, query.Queue).With("n", page.Size + 1);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<(long Id, Recording Recording)>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add((r.GetInt64(0), Read(r, role)));
        }

        var paged = Paged.From(items, page.Size, x => PageToken.Encode(Microseconds.Of(x.Recording.StartedAt), x.Id));
        return new Page<Recording>([.. paged.Items.Select(x => x.Recording)], paged.NextPageToken);
    }

    private Recording Read(NpgsqlDataReader r, CrmRole role) => new(
        r.GetString(1), r.GetString(2), r.TextOrNull(3), r.TextOrNull(4), db.Options.Masking.Apply(r.TextOrNull(5), role),
        r.Instant(6), r.GetInt32(7), r.GetString(8), r.GetString(9), r.GetInt64(10), r.Instant(11));

    public async Task<Recording> OpenAsync(TenantId tenant, string recordingId, string userId, CrmRole role, RecordingAccessKind kind, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentException.ThrowIfNullOrEmpty(recordingId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        Recording? found;
        await using (var cmd = new NpgsqlCommand(Select + " WHERE tenant = @t AND recording_id = @r", conn))
        {
            await using var r = await cmd.With("t", t).With("r", recordingId).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            found = await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(r, CrmRole.System) : null;
        }

        if (found is null)
        {
            throw new CrmNotFoundException($"recording '{recordingId}' does not exist in this tenant");
        }

        var granted = db.Options.RecordingAccess.Allows(found, userId, role, kind);
        // The audit row is committed before the answer (granted or not) reaches the caller.
        await using (var audit = new NpgsqlCommand("INSERT INTO recording_access(tenant, recording_id, user_id, role, kind, at, granted) VALUES (@t, @r, @u, @role, @k, @at, @g)", conn))
        {
            await audit.With("t", t).With("r", recordingId).With("u", userId).With("role", (int)role).With("k", (int)kind).With("at", db.Now).With("g", granted)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!granted)
        {
            throw new CrmAccessDeniedException($"{role} '{userId}' may not {kind.ToString().ToUpperInvariant()} recording '{recordingId}'; the attempt was audited");
        }

        return found with { CallerNumber = db.Options.Masking.Apply(found.CallerNumber, role) };
    }

    public async Task<IReadOnlyList<RecordingAccess>> GetAccessLogAsync(TenantId tenant, string recordingId, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("SELECT recording_id, user_id, role, kind, at, granted FROM recording_access WHERE tenant = @t AND recording_id = @r ORDER BY id", conn);
        await using var r = await cmd.With("t", t).With("r", recordingId).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<RecordingAccess>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new RecordingAccess(r.GetString(0), r.GetString(1), (CrmRole)r.GetInt32(2), (RecordingAccessKind)r.GetInt32(3), r.Instant(4), r.GetBoolean(5)));
        }

        return list;
    }

    public async Task SetRetentionAsync(TenantId tenant, string recordingId, DateTimeOffset retainUntil, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("UPDATE recordings SET retain_until = @u WHERE tenant = @t AND recording_id = @r", conn);
        if (await cmd.With("t", t).With("r", recordingId).With("u", retainUntil).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new CrmNotFoundException($"recording '{recordingId}' does not exist in this tenant");
        }
    }

    public async Task<IReadOnlyList<Recording>> PurgeExpiredAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        // DELETE ... RETURNING: the rows returned are exactly the rows removed, even with concurrent purges.
        await using var cmd = new NpgsqlCommand("""
            WITH gone AS (DELETE FROM recordings WHERE tenant = @t AND retain_until <= @now RETURNING *)
            SELECT id, recording_id, call_id, agent, queue, caller_number, started_at, duration_s, format, location, size_bytes, retain_until FROM gone ORDER BY started_at, id
            """, conn);
        await using var r = await cmd.With("t", t).With("now", db.Now).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Recording>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(r, CrmRole.System));
        }

        return list;
    }
}
