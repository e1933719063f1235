using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>The recording index on SQLite.</summary>
internal sealed class SqliteRecordingIndex(SqliteDatabase db) : IRecordingIndex
{
    private const string Select = "SELECT id, recording_id, call_id, agent, queue, caller_number, started_ms, duration_s, format, location, size_bytes, retain_until_ms FROM recordings";

    public Task AddAsync(TenantId tenant, Recording recording, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        RecordingRules.Validate(recording);
        return db.Writes.ExecuteAsync(w =>
        {
            try
            {
                return w.Command("""
                    INSERT INTO recordings(tenant, recording_id, call_id, agent, queue, caller_number, started_ms, duration_s, format, location, size_bytes, retain_until_ms)
                    VALUES ($t, $r, $c, $a, $q, $n, $s, $d, $f, $l, $z, $u)
                    """).With("$t", t).With("$r", recording.RecordingId).With("$c", recording.CallId).With("$a", recording.Agent).With("$q", recording.Queue)
                    .With("$n", recording.CallerNumber).With("$s", UnixMs.Of(recording.StartedAt)).With("$d", recording.DurationSeconds).With("$f", recording.Format)
                    .With("$l", recording.Location).With("$z", recording.SizeBytes).With("$u", UnixMs.Of(recording.RetainUntil)).ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.IsConstraint())
            {
                throw new CrmValidationException("recordingId", $"'{recording.RecordingId}' is already indexed in this tenant");
            }
        }, cancellationToken);
    }

    public Task<Page<Recording>> SearchAsync(TenantId tenant, RecordingQuery query, PageRequest page, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var (afterMs, afterId) = page.Token is null ? (long.MinValue, long.MinValue) : PageToken.Decode(page.Token);
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = Select + """
             WHERE tenant = $t AND started_ms >= $from AND started_ms < $to AND (started_ms > $am OR (started_ms = $am AND id > $aid))
             AND ($a IS NULL OR agent = $a) AND ($c IS NULL OR call_id = $c) AND ($q IS NULL OR queue = $q)
             ORDER BY started_ms, id LIMIT $n
            """;
        cmd.With("$t", t).With("$from", UnixMs.Of(query.From)).With("$to", UnixMs.Of(query.To)).With("$am", afterMs).With("$aid", afterId)
            .With("$a", query.Agent).With("$c", query.CallId).With("$q", query.Queue).With("$n", page.Size + 1);
        using var r = cmd.ExecuteReader();
        var items = new List<(long Id, Recording Recording)>();
        while (r.Read())
        {
            items.Add((r.GetInt64(0), Read(r, role)));
        }

        var paged = Paged.From(items, page.Size, x => PageToken.Encode(UnixMs.Of(x.Recording.StartedAt), x.Id));
        return Task.FromResult(new Page<Recording>([.. paged.Items.Select(x => x.Recording)], paged.NextPageToken));
    }

    private Recording Read(SqliteDataReader r, CrmRole role) => new(
        r.GetString(1), r.GetString(2), r.TextOrNull(3), r.TextOrNull(4), db.Options.Masking.Apply(r.TextOrNull(5), role),
        UnixMs.ToInstant(r.GetInt64(6)), r.GetInt32(7), r.GetString(8), r.GetString(9), r.GetInt64(10), UnixMs.ToInstant(r.GetInt64(11)));

    public async Task<Recording> OpenAsync(TenantId tenant, string recordingId, string userId, CrmRole role, RecordingAccessKind kind, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentException.ThrowIfNullOrEmpty(recordingId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        // The audit row and the decision are one write: a refusal is recorded too, then reported.
        var (recording, granted) = await db.Writes.ExecuteAsync(w =>
        {
            var cmd = w.Command(Select + " WHERE tenant = $t AND recording_id = $r").With("$t", t).With("$r", recordingId);
            Recording? found;
            using (var r = cmd.ExecuteReader())
            {
                found = r.Read() ? Read(r, CrmRole.System) : null;
            }

            if (found is null)
            {
                throw new CrmNotFoundException($"recording '{recordingId}' does not exist in this tenant");
            }

            var allowed = db.Options.RecordingAccess.Allows(found, userId, role, kind);
            w.Command("INSERT INTO recording_access(tenant, recording_id, user_id, role, kind, at_ms, granted) VALUES ($t, $r, $u, $role, $k, $at, $g)")
                .With("$t", t).With("$r", recordingId).With("$u", userId).With("$role", (int)role).With("$k", (int)kind).With("$at", UnixMs.Of(db.Now)).With("$g", allowed ? 1 : 0)
                .ExecuteNonQuery();
            return (found, allowed);
        }, cancellationToken).ConfigureAwait(false);
        if (!granted)
        {
            throw new CrmAccessDeniedException($"{role} '{userId}' may not {kind.ToString().ToUpperInvariant()} recording '{recordingId}'; the attempt was audited");
        }

        return recording with { CallerNumber = db.Options.Masking.Apply(recording.CallerNumber, role) };
    }

    public Task<IReadOnlyList<RecordingAccess>> GetAccessLogAsync(TenantId tenant, string recordingId, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT recording_id, user_id, role, kind, at_ms, granted FROM recording_access WHERE tenant = $t AND recording_id = $r ORDER BY id";
        cmd.With("$t", t).With("$r", recordingId);
        using var r = cmd.ExecuteReader();
        var list = new List<RecordingAccess>();
        while (r.Read())
        {
            list.Add(new RecordingAccess(r.GetString(0), r.GetString(1), (CrmRole)r.GetInt32(2), (RecordingAccessKind)r.GetInt32(3), UnixMs.ToInstant(r.GetInt64(4)), r.GetInt32(5) != 0));
        }

        return Task.FromResult<IReadOnlyList<RecordingAccess>>(list);
    }

    public Task SetRetentionAsync(TenantId tenant, string recordingId, DateTimeOffset retainUntil, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        return db.Writes.ExecuteAsync(w =>
        {
            var n = w.Command("UPDATE recordings SET retain_until_ms = $u WHERE tenant = $t AND recording_id = $r")
                .With("$t", t).With("$r", recordingId).With("$u", UnixMs.Of(retainUntil)).ExecuteNonQuery();
            return n == 0 ? throw new CrmNotFoundException($"recording '{recordingId}' does not exist in this tenant") : n;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Recording>> PurgeExpiredAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        return db.Writes.ExecuteAsync<IReadOnlyList<Recording>>(w =>
        {
            var now = UnixMs.Of(db.Now);
            var expired = new List<Recording>();
            using (var r = w.Command(Select + " WHERE tenant = $t AND retain_until_ms <= $now ORDER BY started_ms, id").With("$t", t).With("$now", now).ExecuteReader())
            {
                while (r.Read())
                {
                    expired.Add(Read(r, CrmRole.System));
                }
            }

            w.Command("DELETE FROM recordings WHERE tenant = $t AND retain_until_ms <= $now").With("$t", t).With("$now", now).ExecuteNonQuery();
            return expired;
        }, cancellationToken);
    }
}
