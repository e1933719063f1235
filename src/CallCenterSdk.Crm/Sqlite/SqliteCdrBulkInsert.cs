using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>
/// The bulk CDR insert on the writer connection, binding by position straight through SQLitePCL:
/// the per-row cost of named-parameter lookup and boxing in ADO.NET is most of an INSERT's CPU time
/// here, and this is the hottest write path.
/// </summary>
internal static class SqliteCdrBulkInsert
{
    public static void Insert(SqliteConnection connection, string sql, string tenant, IReadOnlyList<CallDetailRecord> cdrs)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        using (stmt)
        {
            foreach (var c in cdrs)
            {
                var i = 1;
                Text(stmt, i++, tenant);
                Text(stmt, i++, c.CallId);
                Text(stmt, i++, c.LegId);
                Text(stmt, i++, c.LinkedId);
                raw.sqlite3_bind_int64(stmt, i++, (long)c.Direction);
                Text(stmt, i++, c.CallerNumber);
                Text(stmt, i++, c.CallerName);
                Text(stmt, i++, c.CalledNumber);
                raw.sqlite3_bind_int64(stmt, i++, UnixMs.Of(c.StartedAt));
                Int(stmt, i++, c.AnsweredAt is { } a ? UnixMs.Of(a) : null);
                raw.sqlite3_bind_int64(stmt, i++, UnixMs.Of(c.EndedAt));
                raw.sqlite3_bind_int64(stmt, i++, c.DurationSeconds);
                raw.sqlite3_bind_int64(stmt, i++, c.BillableSeconds);
                raw.sqlite3_bind_int64(stmt, i++, (long)c.Disposition);
                Int(stmt, i++, c.SipCode);
                Int(stmt, i++, c.Q850Cause);
                Text(stmt, i++, c.Queue);
                Text(stmt, i++, c.Agent);
                raw.sqlite3_bind_int64(stmt, i++, c.QueueWaitMilliseconds);
                raw.sqlite3_bind_int64(stmt, i++, c.HoldSeconds);
                raw.sqlite3_bind_int64(stmt, i++, c.WrapUpSeconds);
                raw.sqlite3_bind_int64(stmt, i++, c.Transferred ? 1 : 0);
                Text(stmt, i++, c.IvrPath);
                Text(stmt, i++, c.RecordingId);
                Text(stmt, i++, c.Codec);
                Real(stmt, i++, c.JitterMs);
                Real(stmt, i++, c.LossPercent);
                Real(stmt, i++, c.Mos);
                Int(stmt, i++, c.SurveyScore);
                Text(stmt, i, c.Variables is { Count: > 0 } v ? JsonMap.Write(v) : null);
                var rc = raw.sqlite3_step(stmt);
                raw.sqlite3_reset(stmt);
                if (rc != raw.SQLITE_DONE)
                {
                    throw new SqliteException($"SQLite error {rc} inserting CDR leg {c.LegId}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
                }
            }
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    private static void Text(sqlite3_stmt stmt, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(stmt, index);
        }
        else
        {
            raw.sqlite3_bind_text(stmt, index, value);
        }
    }

    private static void Int(sqlite3_stmt stmt, int index, long? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(stmt, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(stmt, index);
        }
    }

    private static void Real(sqlite3_stmt stmt, int index, double? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_double(stmt, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(stmt, index);
        }
    }
}
