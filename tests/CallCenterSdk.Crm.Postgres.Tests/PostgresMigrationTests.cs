using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tests.Support;
using Npgsql;

namespace CallCenterSdk.Crm.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresMigrationTests(PostgresFixture fixture)
{
    private async Task<string> NewDatabaseAsync()
    {
        var name = "mig_" + Guid.NewGuid().ToString("N")[..10];
        await fixture.Server.CreateDatabaseAsync(name);
        return fixture.Server.ConnectionString(name);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>Writes a CDR the way the code of versions 1 to 4 did: the queue wait in whole seconds (queue_wait_s).</summary>
    private static async Task<long> InsertWholeSecondCdrAsync(string connectionString, Tenancy.TenantId tenant, string leg, DateTimeOffset start, CallDisposition disposition, int waitS)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO cdrs(tenant, call_id, leg_id, direction, started_at, answered_at, ended_at, duration_s, billable_s, disposition,
                             queue_wait_s, hold_s, wrap_up_s, transferred, queue, agent)
            VALUES (@t, @leg, @leg, 0, @s, @a, @e, 60, 0, @d, @w, 0, 0, false, 'sales', @agent) RETURNING id
            """, conn);
        var answered = disposition == CallDisposition.Answered;
        cmd.Parameters.AddWithValue("t", tenant.Value);
        cmd.Parameters.AddWithValue("leg", leg);
        cmd.Parameters.AddWithValue("s", start);
        cmd.Parameters.Add(new NpgsqlParameter("a", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = answered ? start.AddSeconds(waitS) : DBNull.Value });
        cmd.Parameters.AddWithValue("e", start.AddMinutes(1));
        cmd.Parameters.AddWithValue("d", (short)disposition);
        cmd.Parameters.AddWithValue("w", waitS);
        cmd.Parameters.Add(new NpgsqlParameter("agent", NpgsqlTypes.NpgsqlDbType.Text) { Value = answered ? "alice" : DBNull.Value });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_empty_database_is_migrated_to_the_latest_version_and_reopening_changes_nothing()
    {
        var cs = await NewDatabaseAsync();
        await using (var store = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }))
        {
            Assert.Equal(PostgresCrmStore.LatestSchemaVersion, store.SchemaVersion);
        }

        Assert.Equal((long)PostgresCrmStore.LatestSchemaVersion, await ScalarAsync(cs, "SELECT count(*) FROM crm_schema_migrations"));
        await using var again = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs });
        Assert.Equal((long)PostgresCrmStore.LatestSchemaVersion, await ScalarAsync(cs, "SELECT count(*) FROM crm_schema_migrations"));
    }

    [Fact]
    public async Task Nodes_opening_at_once_migrate_exactly_once()
    {
        var cs = await NewDatabaseAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs })));
        Assert.All(stores, s => Assert.Equal(PostgresCrmStore.LatestSchemaVersion, s.SchemaVersion));
        foreach (var s in stores)
        {
            await s.DisposeAsync();
        }

        Assert.Equal((long)PostgresCrmStore.LatestSchemaVersion, await ScalarAsync(cs, "SELECT count(*) FROM crm_schema_migrations"));
    }

    [Fact]
    public async Task A_version_2_database_keeps_its_data_and_gains_the_survey_column()
    {
        var cs = await NewDatabaseAsync();
        var tenant = Tenants.New("pg-mig");
        var start = Cdrs.Day.AddHours(10);
        long customer;
        await using (var before = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }, 2, CancellationToken.None))
        {
            Assert.Equal(2, before.SchemaVersion);
            customer = await before.Customers.CreateAsync(tenant, new CustomerDraft("Before Upgrade", PhoneNumbers: ["+49301234567"]));
        }

        await InsertWholeSecondCdrAsync(cs, tenant, "old-leg", start, CallDisposition.Abandoned, 60);
        await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(cs, "SELECT survey_score FROM cdrs"));
        await using var upgraded = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs });
        Assert.Equal(PostgresCrmStore.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Equal(customer, (await upgraded.Customers.FindByPhoneAsync(tenant, "+49301234567", CrmRole.System))?.Id);
        var old = Assert.Single((await upgraded.Cdrs.QueryAsync(tenant, new CdrQuery(start, start.AddHours(1)), PageRequest.First, CrmRole.System)).Items);
        Assert.Equal(((int?)null, 60_000L), (old.SurveyScore, old.QueueWaitMilliseconds));
        await upgraded.Cdrs.AppendAsync(tenant, Cdrs.Answered("new", start, 5, 60, survey: 4));
        var rows = await upgraded.Reports.GetKpisAsync(tenant, new KpiRequest(start, start.AddHours(1), ReportGranularity.Interval60, ReportDimension.Queue));
        Assert.Equal((2L, 1L, 4.0), (rows[0].Counts.Offered, rows[0].Counts.SurveyCount, rows[0].AverageSurveyScore!.Value));
    }

    [Fact]
    public async Task A_version_3_database_becomes_one_partition_and_new_days_get_their_own()
    {
        var cs = await NewDatabaseAsync();
        var tenant = Tenants.New("pg-v4");
        var old = Cdrs.Day.AddHours(9);
        long[] oldIds;
        await using (var before = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }, 3, CancellationToken.None))
        {
            await before.Cdrs.AppendManyAsync(tenant, [Cdrs.Answered("old-1", old, 5, 60), Cdrs.Abandoned("old-2", old.AddMinutes(1), 30)]);
            oldIds = [.. (await before.Cdrs.QueryAsync(tenant, new CdrQuery(old, old.AddHours(1)), PageRequest.First, CrmRole.System)).Items.Select(c => c.Id)];
        }

        await using var upgraded = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs });
        Assert.Equal(PostgresCrmStore.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Equal("p", await ScalarAsync(cs, "SELECT relkind::text FROM pg_class WHERE relname = 'cdrs'"));
        // A late CDR for a day before the upgrade lands in the old table; a day after it gets a partition of its own.
        var future = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(5), TimeSpan.Zero).AddHours(10);
        var lateId = await upgraded.Cdrs.AppendAsync(tenant, Cdrs.Answered("late", old.AddMinutes(2), 3, 30));
        await upgraded.Cdrs.AppendManyAsync(tenant, [Cdrs.Answered("new-1", future, 5, 60), Cdrs.Answered("new-2", future.AddMinutes(1), 5, 60)]);
        Assert.Equal(3L, await ScalarAsync(cs, "SELECT count(*) FROM cdrs_before_v4"));
        Assert.Equal(2L, await ScalarAsync(cs, $"SELECT count(*) FROM cdrs_{future:yyyyMMdd}"));
        var all = (await upgraded.Cdrs.QueryAsync(tenant, new CdrQuery(old, future.AddDays(1)), PageRequest.First, CrmRole.System)).Items;
        Assert.Equal(["old-1", "old-2", "late", "new-1", "new-2"], all.Select(c => c.LegId));
        Assert.Equal([5_000L, 30_000L, 3_000L, 5_000L, 5_000L], all.Select(c => c.QueueWaitMilliseconds));
        Assert.Equal(oldIds, all.Take(2).Select(c => c.Id));
        Assert.Equal(5, all.Select(c => c.Id).Distinct().Count());
        Assert.True(lateId > oldIds.Max());
        var day = await upgraded.Reports.GetKpisAsync(tenant, new KpiRequest(Cdrs.Day, Cdrs.Day.AddDays(1)));
        Assert.Equal((3L, 1L), (day[0].Counts.Offered, day[0].Counts.Abandoned));
    }

    [Fact]
    public async Task A_database_at_the_previous_version_keeps_its_cdrs_with_their_whole_second_waits_as_milliseconds()
    {
        var cs = await NewDatabaseAsync();
        var tenant = Tenants.New("pg-ms");
        var previous = PostgresCrmStore.LatestSchemaVersion - 1;
        var start = Cdrs.Day.AddHours(10);
        await using (var before = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }, previous, CancellationToken.None))
        {
            Assert.Equal(previous, before.SchemaVersion);
            await ScalarAsync(cs, $"SELECT crm_ensure_cdr_days(ARRAY[DATE '{start:yyyy-MM-dd}'])");
        }

        await InsertWholeSecondCdrAsync(cs, tenant, "old-answered", start, CallDisposition.Answered, 12);
        await InsertWholeSecondCdrAsync(cs, tenant, "old-abandoned", start.AddMinutes(1), CallDisposition.Abandoned, 3);

        await using var upgraded = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs });
        Assert.Equal(PostgresCrmStore.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Equal("bigint", await ScalarAsync(cs, "SELECT data_type::text FROM information_schema.columns WHERE table_name = 'cdrs' AND column_name = 'queue_wait_ms'"));
        Assert.Equal(0L, await ScalarAsync(cs, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'queue_wait_s'"));
        var old = (await upgraded.Cdrs.QueryAsync(tenant, new CdrQuery(start, start.AddHours(1)), PageRequest.First, CrmRole.System)).Items;
        Assert.Equal([("old-answered", 12_000L, 12), ("old-abandoned", 3_000L, 3)], old.Select(r => (r.LegId, r.QueueWaitMilliseconds, r.QueueWaitSeconds)));

        // New CDRs keep their milliseconds next to the converted ones (INSERT and COPY), and the report sums them all.
        await upgraded.Cdrs.AppendAsync(tenant, Cdrs.Answered("new-insert", start.AddMinutes(5), 2, 60) with { QueueWaitMilliseconds = 2_345 });
        await upgraded.Cdrs.AppendManyAsync(tenant, [Cdrs.Answered("new-copy", start.AddMinutes(6), 0, 60) with { QueueWaitMilliseconds = 1 }]);
        var row = Assert.Single(await upgraded.Reports.GetKpisAsync(tenant, new KpiRequest(start, start.AddHours(1), ReportGranularity.Interval60, ReportDimension.Queue)));
        Assert.Equal((14_346L, 3_000L, 12_000L), (row.Counts.AnswerWaitMilliseconds, row.Counts.AbandonWaitMilliseconds, row.Counts.MaxWaitMilliseconds));
        Assert.Equal(14_346.0 / 3 / 1000, row.AverageSpeedOfAnswer);
    }

    [Fact]
    public async Task An_empty_database_has_no_pre_version_4_partition_and_a_dropped_day_is_created_again()
    {
        var cs = await NewDatabaseAsync();
        var tenant = Tenants.New("pg-days");
        await using var store = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs });
        Assert.Equal(true, await ScalarAsync(cs, "SELECT to_regclass('cdrs_before_v4') IS NULL"));
        var start = Cdrs.Day.AddHours(23).AddMinutes(59);
        // One batch across midnight UTC: two partitions.
        await store.Cdrs.AppendManyAsync(tenant, [Cdrs.Answered("a", start, 5, 60), Cdrs.Answered("b", start.AddMinutes(2), 5, 60)]);
        Assert.Equal(2L, await ScalarAsync(cs, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'cdrs'::regclass"));
        // Retention drops a day the store has already seen: the next write to it creates it again.
        await ScalarAsync(cs, $"DROP TABLE cdrs_{Cdrs.Day:yyyyMMdd}");
        await store.Cdrs.AppendAsync(tenant, Cdrs.Answered("c", start, 5, 60));
        var items = (await store.Cdrs.QueryAsync(tenant, new CdrQuery(Cdrs.Day, Cdrs.Day.AddDays(2)), PageRequest.First, CrmRole.System)).Items;
        Assert.Equal(["c", "b"], items.Select(c => c.LegId));
    }

    [Fact]
    public async Task A_database_from_a_newer_library_is_refused_with_its_version()
    {
        var cs = await NewDatabaseAsync();
        await using (await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }))
        {
        }

        await ScalarAsync(cs, "INSERT INTO crm_schema_migrations(version, description) VALUES (99, 'future')");
        var e = await Assert.ThrowsAsync<CrmSchemaException>(() => PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }));
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }
}
