using Npgsql;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>Options of the PostgreSQL store.</summary>
public sealed class PostgresCrmOptions : CrmStoreOptions
{
    /// <summary>Npgsql connection string (used when <see cref="DataSource"/> is not set).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>An existing data source to share (the store does not dispose it).</summary>
    public NpgsqlDataSource? DataSource { get; set; }
}
