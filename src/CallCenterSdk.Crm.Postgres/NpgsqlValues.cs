using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>Parameter and column helpers for Npgsql: typed nulls, UTC instants, nullable reads.</summary>
internal static class NpgsqlValues
{
    public static NpgsqlCommand With(this NpgsqlCommand cmd, string name, object? value)
    {
        cmd.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            // timestamptz takes UTC only (Npgsql 6+).
            DateTimeOffset d => d.ToUniversalTime(),
            _ => value,
        });
        return cmd;
    }

    public static NpgsqlCommand With(this NpgsqlCommand cmd, string name, NpgsqlDbType type, object? value)
    {
        cmd.Parameters.Add(new NpgsqlParameter(name, type) { Value = value is DateTimeOffset d ? d.ToUniversalTime() : value ?? DBNull.Value });
        return cmd;
    }

    public static string? TextOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? Int64OrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static int? Int32OrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static double? DoubleOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public static DateTimeOffset Instant(this NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

    public static DateTimeOffset? InstantOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    /// <summary>23505: unique_violation.</summary>
    public static bool IsUniqueViolation(this PostgresException e) => e.SqlState == PostgresErrorCodes.UniqueViolation;

    /// <summary>Escapes '%', '_' and '\' for ILIKE (backslash is PostgreSQL's default LIKE escape).</summary>
    public static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
