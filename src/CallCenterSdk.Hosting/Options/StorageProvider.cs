namespace CallCenterSdk.Hosting.Options;

/// <summary>CRM/CDR store implementations.</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite file (the default; nothing to run).</summary>
    Sqlite,

    /// <summary>PostgreSQL server (several nodes share it).</summary>
    Postgres,
}
