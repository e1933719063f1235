using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Crm.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Crm.Tests.Sqlite;

/// <summary>A fresh SQLite database file per store.</summary>
public sealed class SqliteStoreFactory : IStoreFactory, IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Name => "sqlite";

    public Task<ICrmStore> CreateAsync(FakeTimeProvider clock) =>
        Task.FromResult<ICrmStore>(SqliteCrmStore.Open(new SqliteCrmOptions
        {
            Path = _dir.File(Guid.NewGuid().ToString("N") + ".db"),
            TimeProvider = clock,
            Durability = SqliteDurability.ProcessCrash,
        }));

    public void Dispose() => _dir.Dispose();
}
