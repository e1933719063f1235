using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Postgres;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tests.Support;
using Npgsql;

namespace CallCenterSdk.Crm.Tests.Postgres;

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
    public async Task A_database_at_the_previous_version_keeps_its_data_and_gains_the_new_columns()
    {
        var cs = await NewDatabaseAsync();
        var tenant = Tenants.New("pg-mig");
        var start = Cdrs.Day.AddHours(10);
        long customer;
        await using (var before = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs }, PostgresCrmStore.LatestSchemaVersion - 1, CancellationToken.None))
        {
            Assert.Equal(PostgresCrmStore.LatestSchemaVersion - 1, before.SchemaVersion);
            customer = await before.Customers.CreateAsync(tenant, new CustomerDraft("Before Upgrade", PhoneNumbers: ["+49301234567"]));
        }

        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO cdrs(tenant, call_id, leg_id, direction, started_at, ended_at, duration_s, billable_s, disposition, queue_wait_s, hold_s, wrap_up_s, transferred, queue)
                VALUES (@t, 'old-call', 'old-leg', 0, @s, @e, 60, 0, 5, 60, 0, 0, false, 'sales')
                """, conn);
            cmd.Parameters.AddWithValue("t", tenant.Value);
            cmd.Parameters.AddWithValue("s", start);
            cmd.Parameters.AddWithValue("e", start.AddMinutes(1));
            await cmd.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(cs, "SELECT survey_score FROM cdrs"));
        await using var upgraded = await PostgresCrmStore.OpenAsync(new PostgresCrmOptions { ConnectionString = cs });
        Assert.Equal(PostgresCrmStore.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Equal(customer, (await upgraded.Customers.FindByPhoneAsync(tenant, "+49301234567", CrmRole.System))?.Id);
        var old = Assert.Single((await upgraded.Cdrs.QueryAsync(tenant, new CdrQuery(start, start.AddHours(1)), PageRequest.First, CrmRole.System)).Items);
        Assert.Null(old.SurveyScore);
        await upgraded.Cdrs.AppendAsync(tenant, Cdrs.Answered("new", start, 5, 60, survey: 4));
        var rows = await upgraded.Reports.GetKpisAsync(tenant, new KpiRequest(start, start.AddHours(1), ReportGranularity.Interval60, ReportDimension.Queue));
        Assert.Equal((2L, 1L, 4.0), (rows[0].Counts.Offered, rows[0].Counts.SurveyCount, rows[0].AverageSurveyScore!.Value));
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
