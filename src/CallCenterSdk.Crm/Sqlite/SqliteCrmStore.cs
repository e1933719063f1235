using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Tickets;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>
/// The embedded SQLite CRM store: one database file in WAL mode, migrated on open, every write
/// batched through a single writer (see <see cref="ICdrStore"/> for the durability contract).
/// </summary>
public sealed class SqliteCrmStore : ICrmStore
{
    private readonly SqliteDatabase _db;

    private SqliteCrmStore(SqliteDatabase db)
    {
        _db = db;
        Customers = new SqliteCustomerDirectory(db);
        Cdrs = new SqliteCdrStore(db);
        Recordings = new SqliteRecordingIndex(db);
        Tickets = new SqliteTicketStore(db);
        Knowledge = new SqliteKnowledgeBase(db);
        Reports = new SqliteReportQueries(db);
    }

    /// <summary>The latest schema version this library knows.</summary>
    public static int LatestSchemaVersion => SqliteMigrations.Latest;

    /// <inheritdoc />
    public ICustomerDirectory Customers { get; }

    /// <inheritdoc />
    public ICdrStore Cdrs { get; }

    /// <inheritdoc />
    public IRecordingIndex Recordings { get; }

    /// <inheritdoc />
    public ITicketStore Tickets { get; }

    /// <inheritdoc />
    public IKnowledgeBase Knowledge { get; }

    /// <inheritdoc />
    public IReportQueries Reports { get; }

    /// <inheritdoc />
    public int SchemaVersion => _db.SchemaVersion;

    /// <summary>Write batches committed since open (each is one transaction).</summary>
    public long BatchesCommitted => _db.Writes.BatchesCommitted;

    /// <summary>Opens (creating if needed) the database at <see cref="SqliteCrmOptions.Path"/> and applies pending migrations.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="Storage.CrmSchemaException">The file's schema is newer than this library or a migration failed.</exception>
    public static SqliteCrmStore Open(SqliteCrmOptions options) => Open(options, SqliteMigrations.Latest);

    /// <summary>Opens and migrates only up to <paramref name="targetVersion"/> (tests of upgrades from older versions).</summary>
    internal static SqliteCrmStore Open(SqliteCrmOptions options, int targetVersion)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("SqliteCrmOptions.Path is required", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueuedWrites, 1);
        return new SqliteCrmStore(SqliteDatabase.Open(options, targetVersion));
    }

    /// <summary>Commits what is queued, then closes the database.</summary>
    /// <returns>Completes when closed.</returns>
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
