using System.Globalization;
using CallCenterSdk.Crm.Storage;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>Applies <see cref="SqliteMigrations"/> on open, each in its own transaction together with
/// the new <c>user_version</c>, so a crash mid-migration leaves the previous version intact.</summary>
internal static class SqliteMigrator
{
    public static int CurrentVersion(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Migrates up to <paramref name="target"/> (tests stop at an older version to test upgrades).</summary>
    public static int Migrate(SqliteConnection connection, int target)
    {
        var version = CurrentVersion(connection);
        if (version > SqliteMigrations.Latest)
        {
            throw new CrmSchemaException($"the database is at schema version {version}, newer than this library's {SqliteMigrations.Latest}; upgrade CallCenterSdk.Crm");
        }

        foreach (var (v, description, sql) in SqliteMigrations.All)
        {
            if (v <= version || v > target)
            {
                continue;
            }

            using var tx = connection.BeginTransaction();
            try
            {
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = sql + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version = {v};");
                cmd.ExecuteNonQuery();
                tx.Commit();
            }
            catch (SqliteException e)
            {
                throw new CrmSchemaException($"migration {v} ({description}) failed: {e.Message}", e);
            }

            version = v;
        }

        return version;
    }
}
