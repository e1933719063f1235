using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>
/// Makes sure the UTC-day partitions of <c>cdrs</c> that a write needs exist (schema version 4), remembering the days
/// already seen so that a write into known days costs no extra round trip.
/// </summary>
internal sealed class CdrDayPartitions
{
    private readonly ConcurrentDictionary<DateOnly, byte> _known = new();

    /// <summary>SQLSTATE 23514: PostgreSQL found no partition for a row (a day dropped behind our back).</summary>
    public static bool IsMissingPartition(PostgresException e) => e.SqlState == PostgresErrorCodes.CheckViolation;

    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateTimeOffset> starts, CancellationToken cancellationToken)
    {
        HashSet<DateOnly>? missing = null;
        foreach (var start in starts)
        {
            var day = DateOnly.FromDateTime(start.UtcDateTime);
            if (!_known.ContainsKey(day))
            {
                (missing ??= []).Add(day);
            }
        }

        if (missing is null)
        {
            return;
        }

        await using var cmd = new NpgsqlCommand("SELECT crm_ensure_cdr_days($1)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = missing.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        foreach (var day in missing)
        {
            _known.TryAdd(day, 0);
        }
    }

    /// <summary>Forgets every known day, after a write found one missing (dropped for retention, say).</summary>
    public void Forget() => _known.Clear();
}
