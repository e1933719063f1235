using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>What every part of the SQLite store shares: options, the writer queue and pooled readers.</summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _readerConnectionString;
    private readonly SqliteConnection _writer;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteReader> _readers = [];
    private bool _disposed;

    private SqliteDatabase(SqliteCrmOptions options, SqliteConnection writer, string readerConnectionString, int schemaVersion)
    {
        Options = options;
        _writer = writer;
        _readerConnectionString = readerConnectionString;
        SchemaVersion = schemaVersion;
        Writes = new SqliteWriteQueue(writer, options.MaxBatchSize, options.MaxQueuedWrites);
    }

    public SqliteCrmOptions Options { get; }

    public SqliteWriteQueue Writes { get; }

    public int SchemaVersion { get; }

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public static SqliteDatabase Open(SqliteCrmOptions options, int targetVersion)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        var writer = new SqliteConnection(builder.ToString());
        try
        {
            writer.Open();
            using (var cmd = writer.CreateCommand())
            {
                var sync = options.Durability == SqliteDurability.PowerLoss ? "FULL" : "NORMAL";
                // WAL: readers never block the writer and a commit is one sequential append.
                cmd.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={sync}; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
                cmd.ExecuteNonQuery();
            }

            var version = SqliteMigrator.Migrate(writer, targetVersion);
            var readers = new SqliteConnectionStringBuilder
            {
                DataSource = options.Path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = true,
                DefaultTimeout = 30,
            };
            return new SqliteDatabase(options, writer, readers.ToString(), version);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>A pooled read-only connection (WAL readers see the last commit and never block the writer).</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Rents a reader with prepared commands; give it back with <see cref="Return"/>.</summary>
    public SqliteReader RentReader() => _readers.TryTake(out var reader) ? reader : new SqliteReader(OpenReader());

    public void Return(SqliteReader reader)
    {
        if (Volatile.Read(ref _disposed) || _readers.Count >= 16)
        {
            reader.Dispose();
        }
        else
        {
            _readers.Add(reader);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        await Writes.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var pooled = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
