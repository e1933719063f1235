namespace CallCenterSdk.Hosting.Options;

/// <summary>Which CRM/CDR store to open.</summary>
public sealed class StorageOptions
{
    /// <summary>The store [Sqlite].</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite database file (relative paths are resolved against the content root) [data/callcenter.db].</summary>
    public string SqlitePath { get; set; } = "data/callcenter.db";

    /// <summary>Npgsql connection string, required for <see cref="StorageProvider.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; set; }
}
