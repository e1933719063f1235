using CallCenterSdk.Crm.Storage;
using Npgsql;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>Applies <see cref="PostgresMigrations"/>: each in one transaction with its row in
/// <c>crm_schema_migrations</c>, under an advisory lock so nodes opening together migrate once.</summary>
internal static class PostgresMigrator
{
    // Arbitrary constant naming the CRM migration lock (pg_advisory_xact_lock takes a bigint).
    private const long LockKey = 0x43524D5F4D4947;

    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS crm_schema_migrations(version int PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", connection, tx))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var cmd = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM crm_schema_migrations", connection, tx);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, int target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Nodes opening while another migrates wait for it, however long the migration takes.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, tx) { CommandTimeout = 0 })
        {
            lockCmd.Parameters.AddWithValue(LockKey);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var version = await CurrentVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        if (version > PostgresMigrations.Latest)
        {
            throw new CrmSchemaException($"the database is at schema version {version}, newer than this library's {PostgresMigrations.Latest}; upgrade CallCenterSdk.Crm.Postgres");
        }

        foreach (var (v, description, sql) in PostgresMigrations.All)
        {
            if (v <= version || v > target)
            {
                continue;
            }

            try
            {
                // No command timeout: a migration rewrites or indexes whole tables (version 4 over 10 million CDRs takes
                // minutes); the caller's cancellation token bounds it, and a cancelled migration rolls back whole.
                await using (var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 })
                {
                    await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var record = new NpgsqlCommand("INSERT INTO crm_schema_migrations(version, description) VALUES ($1, $2)", connection, tx);
                record.Parameters.AddWithValue(v);
                record.Parameters.AddWithValue(description);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw new CrmSchemaException($"migration {v} ({description}) failed: {e.MessageText}", e);
            }

            version = v;
        }

        // DDL is transactional in PostgreSQL: all pending migrations commit together or not at all.
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }
}
