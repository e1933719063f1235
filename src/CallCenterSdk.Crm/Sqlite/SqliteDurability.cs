namespace CallCenterSdk.Crm.Sqlite;

/// <summary>What an acknowledged write survives (maps to SQLite's <c>PRAGMA synchronous</c> in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>Survives a crash or kill of the process, and a power loss: the WAL is fsynced at every
    /// commit (<c>synchronous=FULL</c>). The default.</summary>
    PowerLoss,

    /// <summary>Survives a crash or kill of the process (committed WAL frames are in the OS page cache)
    /// but a power loss may lose the last commits (<c>synchronous=NORMAL</c>). Faster for tiny batches.</summary>
    ProcessCrash,
}
