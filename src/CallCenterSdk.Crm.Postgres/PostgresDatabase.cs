using Npgsql;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>What every part of the PostgreSQL store shares: options and the pooled data source.</summary>
internal sealed class PostgresDatabase(PostgresCrmOptions options, NpgsqlDataSource dataSource, bool ownsDataSource, int schemaVersion) : IAsyncDisposable
{
    public PostgresCrmOptions Options { get; } = options;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public int SchemaVersion { get; } = schemaVersion;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => DataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => ownsDataSource ? DataSource.DisposeAsync() : ValueTask.CompletedTask;
}
