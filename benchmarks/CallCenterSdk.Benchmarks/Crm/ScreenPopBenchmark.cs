using BenchmarkDotNet.Attributes;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Crm.Tenancy;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Benchmarks.Crm;

/// <summary>Screen pop on SQLite with a million customers: normalise the caller's number, look it up, mask it for an agent.</summary>
[MemoryDiagnoser]
public class ScreenPopBenchmark
{
    private const int Customers = 1_000_000;
    private static readonly TenantId Tenant = new("bench");
    private readonly string _path = Path.Combine(Path.GetTempPath(), "screenpop-" + Guid.NewGuid().ToString("N") + ".db");
    private SqliteCrmStore _store = null!;
    private string[] _numbers = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        SqliteCrmStore.Open(new SqliteCrmOptions { Path = _path }).DisposeAsync().AsTask().GetAwaiter().GetResult();
        using (var conn = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandTimeout = 3600;
            cmd.CommandText = $"""
                BEGIN;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Customers})
                INSERT INTO customers(id, tenant, name, company, email, fields, created_ms, updated_ms)
                SELECT i, 'bench', 'Customer ' || i, 'Company ' || (i % 1000), 'c' || i || '@example.com', json_object('tier', 'gold'), 0, 0 FROM n;
                INSERT INTO customer_phones(tenant, e164, customer_id, position) SELECT 'bench', '+4930' || (10000000 + id), id, 0 FROM customers;
                COMMIT;
                ANALYZE;
                """;
            cmd.ExecuteNonQuery();
        }

        _store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = _path });
        var random = new Random(42);
        _numbers = [.. Enumerable.Range(0, 4096).Select(_ => "030 " + (10000000 + random.Next(1, Customers + 1)))];
    }

    [Benchmark]
    public async Task<Customer?> FindByPhone() =>
        await _store.Customers.FindByPhoneAsync(Tenant, _numbers[_next++ & 4095], CrmRole.Agent).ConfigureAwait(false)
        ?? throw new InvalidOperationException("a generated customer was not found");

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(f);
        }
    }
}
