using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Tickets;
using Npgsql;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>
/// The CRM store on PostgreSQL (Npgsql): the same contracts as the SQLite store, migrations applied
/// on open, binary COPY for bulk CDR loads. Durability: a write is acknowledged after its
/// transaction commits (with the server's default <c>synchronous_commit=on</c>, after the WAL flush).
/// </summary>
public sealed class PostgresCrmStore : ICrmStore
{
    private readonly PostgresDatabase _db;

    private PostgresCrmStore(PostgresDatabase db)
    {
        _db = db;
        var directory = new PostgresCustomerDirectory(db);
        Customers = directory;
        Cdrs = new PostgresCdrStore(db, directory);
        Recordings = new PostgresRecordingIndex(db);
        Tickets = new PostgresTicketStore(db);
        Knowledge = new PostgresKnowledgeBase(db);
        Reports = new PostgresReportQueries(db);
    }

    /// <summary>The latest schema version this library knows.</summary>
    public static int LatestSchemaVersion => PostgresMigrations.Latest;

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

    /// <summary>Connects and applies pending migrations.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="Storage.CrmSchemaException">The schema is newer than this library or a migration failed.</exception>
    public static Task<PostgresCrmStore> OpenAsync(PostgresCrmOptions options, CancellationToken cancellationToken = default) =>
        OpenAsync(options, PostgresMigrations.Latest, cancellationToken);

    /// <summary>Opens and migrates only up to <paramref name="targetVersion"/> (tests of upgrades from older versions).</summary>
    internal static async Task<PostgresCrmStore> OpenAsync(PostgresCrmOptions options, int targetVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var owns = options.DataSource is null;
        if (owns && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("PostgresCrmOptions needs a ConnectionString or a DataSource", nameof(options));
        }

        var dataSource = options.DataSource ?? NpgsqlDataSource.Create(options.ConnectionString);
        try
        {
            var version = await PostgresMigrator.MigrateAsync(dataSource, targetVersion, cancellationToken).ConfigureAwait(false);
            return new PostgresCrmStore(new PostgresDatabase(options, dataSource, owns, version));
        }
        catch
        {
            if (owns)
            {
                await dataSource.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Closes the store's connection pool (unless the data source was given in the options).</summary>
    /// <returns>Completes when closed.</returns>
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
