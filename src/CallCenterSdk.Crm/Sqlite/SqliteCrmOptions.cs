namespace CallCenterSdk.Crm.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed class SqliteCrmOptions : CrmStoreOptions
{
    /// <summary>Path of the database file (created when missing). Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>What an acknowledged write survives (default: power loss).</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.PowerLoss;

    /// <summary>Most write operations committed in one transaction (default 1024).</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Writes waiting beyond this make writers wait (back-pressure; default 65536).</summary>
    public int MaxQueuedWrites { get; set; } = 65_536;
}
