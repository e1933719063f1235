using System.Diagnostics;
using System.Globalization;
using CallCenterSdk.Crm;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Postgres;
using CallCenterSdk.Crm.Postgres.Tests;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Crm.Tenancy;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CallCenterSdk.CrmLab;

/// <summary>Opens a fresh store (a temp SQLite file or a throw-away PostgreSQL) and runs one measurement.</summary>
internal sealed class Lab(string kind, int? schemaVersion) : IAsyncDisposable
{
    private static readonly TenantId Tenant = new("bench");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "crmlab-" + Guid.NewGuid().ToString("N")[..8]);
    private PostgresServer? _server;
    private ICrmStore? _store;

    private string SqlitePath => Path.Combine(_dir, "crm.db");

    private string PgConnection => _server!.ConnectionString("crm");

    private async Task<ICrmStore> OpenAsync()
    {
        Directory.CreateDirectory(_dir);
        if (kind == "postgres")
        {
            // Durable settings (fsync and synchronous_commit on), as in production.
            _server = await PostgresServer.StartAsync(durable: true);
            await _server.CreateDatabaseAsync("crm");
            // --schema N opens the database at an older migration (the "before" figure of a schema change).
            _store = await PostgresCrmStore.OpenAsync(
                new PostgresCrmOptions { ConnectionString = PgConnection }, schemaVersion ?? PostgresCrmStore.LatestSchemaVersion, CancellationToken.None);
        }
        else
        {
            _store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = SqlitePath, Durability = SqliteDurability.PowerLoss });
        }

        Print("store", kind);
        Print("schema_version", _store.SchemaVersion);
        return _store;
    }

    public async Task InsertAsync(long rows, int batch, int writers)
    {
        var store = await OpenAsync();
        // Records are generated before the clock starts: the figure is the store's, not the generator's.
        var batches = new List<CallDetailRecord[]>();
        for (long i = 0; i < rows; i += batch)
        {
            var size = (int)Math.Min(batch, rows - i);
            batches.Add([.. Enumerable.Range(0, size).Select(k => CdrGenerator.Make(i + k, rows, 30))]);
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var serverCpu = _server?.ServerCpuSeconds() ?? 0;
        var clock = Stopwatch.StartNew();
        // Each writer appends whole batches (one COPY transaction each), taking the next batch as it finishes one.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < batches.Count)
            {
                await store.Cdrs.AppendManyAsync(Tenant, batches[k]);
            }
        })));
        clock.Stop();
        var clientSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var serverSeconds = (_server?.ServerCpuSeconds() ?? 0) - serverCpu;
        Print("cpu_seconds", clientSeconds);
        Print("server_cpu_seconds", serverSeconds);
        // What the rows cost in CPU, client and server together: the rate on an otherwise idle core.
        Print("rows_per_cpu_s", rows / (clientSeconds + serverSeconds));
        Print("rows", rows);
        Print("batch", batch);
        Print("writers", writers);
        Print("seconds", clock.Elapsed.TotalSeconds);
        Print("rows_per_s", rows / clock.Elapsed.TotalSeconds);
        Print("stored", await store.Cdrs.CountAsync(Tenant, CdrGenerator.Start, CdrGenerator.Start.AddDays(31)));
    }

    public async Task AppendAsync(long rows, int writers)
    {
        var store = await OpenAsync();
        long next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < rows)
            {
                await store.Cdrs.AppendAsync(Tenant, CdrGenerator.Make(i, rows, 30));
            }
        })));
        clock.Stop();
        Print("rows", rows);
        Print("writers", writers);
        Print("seconds", clock.Elapsed.TotalSeconds);
        Print("rows_per_s", rows / clock.Elapsed.TotalSeconds);
        if (store is SqliteCrmStore sqlite)
        {
            Print("transactions", sqlite.BatchesCommitted);
        }
    }

    public async Task ReportAsync(long rows, int days, int reps, bool upgrade)
    {
        var store = await OpenAsync();
        var load = Stopwatch.StartNew();
        await GenerateAsync(rows, days);
        load.Stop();
        Print("rows", rows);
        Print("days", days);
        Print("load_seconds", load.Elapsed.TotalSeconds);

        await MeasureAsync(store, string.Empty, rows, days, reps);
        if (upgrade && _store is PostgresCrmStore before)
        {
            // The same table after the pending migrations: how long they take over it, and the figures afterwards.
            await before.DisposeAsync();
            var clock = Stopwatch.StartNew();
            _store = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = PgConnection });
            clock.Stop();
            Print("upgraded_to_schema_version", _store.SchemaVersion);
            Print("upgrade_seconds", clock.Elapsed.TotalSeconds);
            await using (var conn = new NpgsqlConnection(PgConnection))
            {
                await conn.OpenAsync();
                await using var analyze = new NpgsqlCommand("ANALYZE cdrs", conn) { CommandTimeout = 600 };
                await analyze.ExecuteNonQueryAsync();
            }

            await MeasureAsync(_store, "upgraded_", rows, days, reps);
        }
    }

    private async Task MeasureAsync(ICrmStore store, string prefix, long rows, int days, int reps)
    {
        var day = CdrGenerator.Start.AddDays(days / 2);
        foreach (var (name, request) in new[]
        {
            ("day_report_tenant", new KpiRequest(day, day.AddDays(1), ReportGranularity.Day, ReportDimension.Tenant)),
            ("day_report_queue_15min", new KpiRequest(day, day.AddDays(1), ReportGranularity.Interval15, ReportDimension.Queue)),
            ("day_report_agent", new KpiRequest(day, day.AddDays(1), ReportGranularity.Day, ReportDimension.Agent)),
            ("month_report_queue_all_rows", new KpiRequest(CdrGenerator.Start, CdrGenerator.Start.AddDays(days), ReportGranularity.Month, ReportDimension.Queue)),
        })
        {
            var times = new List<double>();
            var cpuTimes = new List<double>();
            long offered = 0;
            for (var r = 0; r < reps; r++)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var clock = Stopwatch.StartNew();
                var result = await store.Reports.GetKpisAsync(Tenant, request);
                clock.Stop();
                times.Add(clock.Elapsed.TotalSeconds);
                cpuTimes.Add((Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
                offered = result.Sum(x => x.Counts.Offered);
            }

            times.Sort();
            cpuTimes.Sort();
            if (kind == "sqlite")
            {
                // SQLite runs in this process, so its CPU time is the query's cost on an idle core.
                Print(prefix + name + "_cpu_median_s", cpuTimes[cpuTimes.Count / 2]);
            }

            Print(prefix + name + "_rows_in_range", offered);
            Print(prefix + name + "_median_s", times[times.Count / 2]);
            Print(prefix + name + "_min_s", times[0]);
        }

        await QueriesAsync(store, prefix, rows, days, reps);
    }

    /// <summary>First page (100 rows) of each CDR query the issue names, over the loaded table.</summary>
    private static async Task QueriesAsync(ICrmStore store, string prefix, long rows, int days, int reps)
    {
        var day = CdrGenerator.Start.AddDays(days / 2);
        var all = (CdrGenerator.Start, CdrGenerator.Start.AddDays(days));
        foreach (var (name, query) in new[]
        {
            ("query_day", new CdrQuery(day, day.AddDays(1))),
            ("query_all_days", new CdrQuery(all.Start, all.Item2)),
            ("query_number_all_days", new CdrQuery(all.Start, all.Item2, Number: "+4930" + CdrGenerator.CallerSuffix(12_345))),
            ("query_agent_all_days", new CdrQuery(all.Start, all.Item2, Agent: "a17")),
            ("query_queue_day", new CdrQuery(day, day.AddDays(1), Queue: "q3")),
            ("query_queue_all_days", new CdrQuery(all.Start, all.Item2, Queue: "q3")),
            ("query_abandoned_day", new CdrQuery(day, day.AddDays(1), Disposition: CallDisposition.Abandoned)),
            ("query_call_id_day", new CdrQuery(day, day.AddDays(1), CallId: "call-" + (rows * (days / 2) / days + rows / days / 2))),
            ("query_unknown_agent_all_days", new CdrQuery(all.Start, all.Item2, Agent: "nobody")),
        })
        {
            var times = new List<double>();
            var found = 0;
            for (var r = 0; r < reps; r++)
            {
                var clock = Stopwatch.StartNew();
                var page = await store.Cdrs.QueryAsync(Tenant, query, new PageRequest(100), CrmRole.System);
                clock.Stop();
                times.Add(clock.Elapsed.TotalMilliseconds);
                found = page.Items.Count;
            }

            times.Sort();
            Print(prefix + name + "_rows", found);
            Print(prefix + name + "_median_ms", times[times.Count / 2]);
        }
    }

    /// <summary>Fills the CDR table in the database itself (the figure measured is the report, not the load).</summary>
    private async Task GenerateAsync(long rows, int days)
    {
        var startMs = CdrGenerator.Start.ToUnixTimeMilliseconds();
        var stepMs = days * 86_400_000.0 / rows;
        if (kind == "postgres")
        {
            await using var conn = new NpgsqlConnection(PgConnection);
            await conn.OpenAsync();
            if (_store!.SchemaVersion >= 4)
            {
                // The store creates day partitions as it writes; this INSERT bypasses it, so create them first.
                await using var partitions = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture,
                    $"SELECT crm_ensure_cdr_days(ARRAY(SELECT d::date FROM generate_series(to_timestamp({startMs / 1000}) AT TIME ZONE 'UTC', to_timestamp({startMs / 1000 + (days * 86_400L)}) AT TIME ZONE 'UTC', interval '1 day') d))"), conn);
                await partitions.ExecuteNonQueryAsync();
            }

            // Version 5 keeps the queue wait in milliseconds; --schema 4 or older still has whole seconds.
            var wait = _store.SchemaVersion >= 5 ? (Column: "queue_wait_ms", Scale: 1000) : (Column: "queue_wait_s", Scale: 1);
            await using var cmd = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO cdrs(tenant, call_id, leg_id, direction, caller_number, called_number, started_at, answered_at, ended_at, duration_s, billable_s,
                  disposition, sip_code, q850_cause, queue, agent, {wait.Column}, hold_s, wrap_up_s, transferred, codec, jitter_ms, loss_pct, mos, survey_score)
                SELECT 'bench', 'call-' || i, 'leg-' || i, 0, '+4930' || {CdrGenerator.CallerSuffixSql}, '+498001234', s, CASE WHEN i % 10 < 8 THEN s + make_interval(secs => w) END,
                  s + make_interval(secs => w + CASE WHEN i % 10 < 8 THEN t ELSE 0 END), w + CASE WHEN i % 10 < 8 THEN t ELSE 0 END, CASE WHEN i % 10 < 8 THEN t ELSE 0 END,
                  CASE WHEN i % 10 < 8 THEN 0 ELSE 5 END, CASE WHEN i % 10 < 8 THEN 200 ELSE 487 END, 16, 'q' || (i % 8), CASE WHEN i % 10 < 8 THEN 'a' || (i % 200) END,
                  w * {wait.Scale}, CASE WHEN i % 10 < 8 THEN i % 5 ELSE 0 END, CASE WHEN i % 10 < 8 THEN i % 60 ELSE 0 END, i % 20 = 0, 'PCMU', 3.5, 0.1, 4.2, CASE WHEN i % 3 = 0 THEN 1 + i % 5 END
                FROM (SELECT i, to_timestamp(({startMs} + i * {stepMs}) / 1000.0) AS s, ((i * 7919) % 120)::int AS w, (30 + (i * 104729) % 600)::int AS t
                      FROM generate_series(0::bigint, {rows - 1}::bigint) AS i) g
                """), conn) { CommandTimeout = 3600 };
            await cmd.ExecuteNonQueryAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE cdrs", conn) { CommandTimeout = 600 };
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            await using var conn = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandTimeout = 3600;
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;
                BEGIN;
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {rows - 1})
                INSERT INTO cdrs(tenant, call_id, leg_id, direction, caller_number, called_number, started_ms, answered_ms, ended_ms, duration_s, billable_s,
                  disposition, sip_code, q850_cause, queue, agent, queue_wait_ms, hold_s, wrap_up_s, transferred, codec, jitter_ms, loss_pct, mos, survey_score)
                SELECT 'bench', 'call-' || i, 'leg-' || i, 0, '+4930' || {CdrGenerator.CallerSuffixSql}, '+498001234', s, CASE WHEN i % 10 < 8 THEN s + w * 1000 END,
                  s + (w + CASE WHEN i % 10 < 8 THEN t ELSE 0 END) * 1000, w + CASE WHEN i % 10 < 8 THEN t ELSE 0 END, CASE WHEN i % 10 < 8 THEN t ELSE 0 END,
                  CASE WHEN i % 10 < 8 THEN 0 ELSE 5 END, CASE WHEN i % 10 < 8 THEN 200 ELSE 487 END, 16, 'q' || (i % 8), CASE WHEN i % 10 < 8 THEN 'a' || (i % 200) END,
                  w * 1000, CASE WHEN i % 10 < 8 THEN i % 5 ELSE 0 END, CASE WHEN i % 10 < 8 THEN i % 60 ELSE 0 END, i % 20 = 0, 'PCMU', 3.5, 0.1, 4.2, CASE WHEN i % 3 = 0 THEN 1 + i % 5 END
                FROM (SELECT i, CAST({startMs} + i * {stepMs} AS INTEGER) AS s, (i * 7919) % 120 AS w, 30 + (i * 104729) % 600 AS t FROM n);
                COMMIT;
                ANALYZE;
                """);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async Task ScreenPopAsync(int customers, int lookups)
    {
        var store = await OpenAsync();
        var load = Stopwatch.StartNew();
        await using (var conn = new SqliteConnection($"Data Source={SqlitePath};Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandTimeout = 3600;
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                BEGIN;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {customers})
                INSERT INTO customers(id, tenant, name, company, email, fields, created_ms, updated_ms)
                SELECT i, 'bench', 'Customer ' || i, 'Company ' || (i % 1000), 'c' || i || '@example.com', json_object('tier', 'gold'), 0, 0 FROM n;
                INSERT INTO customer_phones(tenant, e164, customer_id, position) SELECT 'bench', '+4930' || (10000000 + id), id, 0 FROM customers WHERE tenant = 'bench';
                COMMIT;
                ANALYZE;
                """);
            await cmd.ExecuteNonQueryAsync();
        }

        load.Stop();
        Print("customers", customers);
        Print("load_seconds", load.Elapsed.TotalSeconds);
        var random = new Random(42);
        var misses = 0;
        for (var warm = 0; warm < 1000; warm++)
        {
            await store.Customers.FindByPhoneAsync(Tenant, "+4930" + (10000000 + random.Next(1, customers + 1)), CrmRole.Agent);
        }

        var numbers = Enumerable.Range(0, lookups).Select(_ => "030 " + (10000000 + random.Next(1, customers + 1))).ToArray();
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        foreach (var number in numbers)
        {
            if (await store.Customers.FindByPhoneAsync(Tenant, number, CrmRole.Agent) is null)
            {
                misses++;
            }
        }

        clock.Stop();
        Print("lookups", lookups);
        Print("misses", misses);
        Print("mean_us", clock.Elapsed.TotalMicroseconds / lookups);
        // CPU time per lookup: what it costs when the machine is not shared (wall time includes waiting for a core).
        Print("cpu_us_per_lookup", (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / lookups);
    }

    private static void Print(string name, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {(value is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : value)}"));

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
