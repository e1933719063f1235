using CallCenterSdk.Crm;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Postgres;
using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Hosting.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Crm;

/// <summary>
/// Opens the configured CRM/CDR store when the host starts (creating or migrating the schema), writes each
/// tenant's seed customers into an empty directory, and closes the store when the host stops.
/// </summary>
public sealed partial class CrmStoreHost : IHostedService, IAsyncDisposable
{
    private readonly CallCenterOptions _options;
    private readonly string _contentRoot;
    private readonly TimeProvider _time;
    private readonly ILogger<CrmStoreHost> _logger;
    private ICrmStore? _store;

    /// <summary>Created by the container.</summary>
    public CrmStoreHost(IOptions<CallCenterOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<CrmStoreHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _contentRoot = environment.ContentRootPath;
        _time = time;
        _logger = logger;
    }

    /// <summary>True once the store is open.</summary>
    public bool IsOpen => Volatile.Read(ref _store) is not null;

    /// <summary>The open store; throws <see cref="InvalidOperationException"/> before the host started it.</summary>
    public ICrmStore Store => Volatile.Read(ref _store) ?? throw new InvalidOperationException("The CRM store is not open yet (the host has not started).");

    /// <summary>The SQLite file in use (null for PostgreSQL).</summary>
    public string? SqliteFile { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = _options.Storage;
        ICrmStore store;
        if (storage.Provider == StorageProvider.Postgres)
        {
            store = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = storage.PostgresConnectionString!, TimeProvider = _time }, cancellationToken).ConfigureAwait(false);
            Log.Opened(_logger, "PostgreSQL", "(connection string)", store.SchemaVersion);
        }
        else
        {
            var path = Path.IsPathRooted(storage.SqlitePath) ? storage.SqlitePath : Path.Combine(_contentRoot, storage.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = path, TimeProvider = _time });
            SqliteFile = path;
            Log.Opened(_logger, "SQLite", path, store.SchemaVersion);
        }

        foreach (var tenant in _options.Tenants)
        {
            await SeedCustomersAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _store, store);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _store, null) is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task SeedCustomersAsync(ICrmStore store, TenantOptions tenant, CancellationToken cancellationToken)
    {
        var id = new CrmTenant(tenant.Id);
        foreach (var seed in tenant.Customers)
        {
            // Idempotent: a customer already reachable by its first number (or its name) is not written again.
            var exists = seed.Phones.Count > 0
                ? await store.Customers.FindByPhoneAsync(id, seed.Phones[0], CrmRole.System, cancellationToken).ConfigureAwait(false) is not null
                : (await store.Customers.SearchAsync(id, seed.Name, new PageRequest(1), CrmRole.System, cancellationToken).ConfigureAwait(false)).Items.Count > 0;
            if (!exists)
            {
                await store.Customers.CreateAsync(id, new CustomerDraft(seed.Name, seed.Company, seed.Email, seed.Phones.ToList()), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "CRM store open: {Kind} {Location}, schema version {Version}")]
        public static partial void Opened(ILogger logger, string kind, string location, int version);
    }
}
