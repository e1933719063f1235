using CallCenterSdk.Crm.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Crm.Postgres.Tests;

/// <summary>One PostgreSQL server for the whole test run, with a database the contract tests share
/// (every test uses its own tenants, which is itself the isolation being tested).</summary>
public sealed class PostgresFixture : IAsyncLifetime, IStoreFactory
{
    private PostgresServer? _server;

    public string Name => "postgres";

    public PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL server did not start");

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await _server.CreateDatabaseAsync("crm");
    }

    public async Task<ICrmStore> CreateAsync(FakeTimeProvider clock) =>
        await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = Server.ConnectionString("crm"), TimeProvider = clock });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
