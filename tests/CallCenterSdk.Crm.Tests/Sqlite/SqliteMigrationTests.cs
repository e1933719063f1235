using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Tests.Sqlite;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private SqliteCrmOptions Options(string file) => new() { Path = _dir.File(file), Durability = SqliteDurability.ProcessCrash };

    private static object? Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    [Fact]
    public async Task An_empty_file_is_migrated_to_the_latest_version_in_wal_mode()
    {
        var options = Options("empty.db");
        await using (var store = SqliteCrmStore.Open(options))
        {
            Assert.Equal(SqliteCrmStore.LatestSchemaVersion, store.SchemaVersion);
        }

        Assert.Equal((long)SqliteCrmStore.LatestSchemaVersion, Scalar(options.Path, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(options.Path, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(options.Path, "SELECT count(*) FROM sqlite_master WHERE name = 'kb_fts'"));
        // Reopening is a no-op.
        await using var again = SqliteCrmStore.Open(options);
        Assert.Equal(SqliteCrmStore.LatestSchemaVersion, again.SchemaVersion);
    }

    [Fact]
    public async Task A_version_2_database_keeps_its_data_and_gains_the_survey_column()
    {
        var options = Options("v2.db");
        var tenant = Tenants.New("mig");
        var previous = 2;
        long customer;
        var start = Cdrs.Day.AddHours(10);
        await using (var before = SqliteCrmStore.Open(options, previous))
        {
            Assert.Equal(previous, before.SchemaVersion);
            customer = await before.Customers.CreateAsync(tenant, new CustomerDraft("Before Upgrade", PhoneNumbers: ["+49301234567"]));
            await before.Knowledge.SaveAsync(tenant, new KnowledgeArticle(0, "Upgrade notes", "written at the old version", [], default));
        }

        // A CDR written by the previous version's code (it had no survey_score column).
        using (var c = new SqliteConnection($"Data Source={options.Path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO cdrs(tenant, call_id, leg_id, direction, started_ms, ended_ms, duration_s, billable_s, disposition, queue_wait_s, hold_s, wrap_up_s, transferred, queue)
                VALUES ($t, 'old-call', 'old-leg', 0, $s, $e, 60, 0, 5, 60, 0, 0, 0, 'sales')
                """;
            cmd.Parameters.AddWithValue("$t", tenant.Value);
            cmd.Parameters.AddWithValue("$s", start.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$e", start.AddMinutes(1).ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();
            Assert.Throws<SqliteException>(() =>
            {
                using var probe = c.CreateCommand();
                probe.CommandText = "SELECT survey_score FROM cdrs";
                probe.ExecuteScalar();
            });
        }

        await using var upgraded = SqliteCrmStore.Open(options);
        Assert.Equal(SqliteCrmStore.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Equal(customer, (await upgraded.Customers.FindByPhoneAsync(tenant, "+49301234567", CrmRole.System))?.Id);
        Assert.Single(await upgraded.Knowledge.SearchAsync(tenant, "upgrade"));
        var old = Assert.Single((await upgraded.Cdrs.QueryAsync(tenant, new CdrQuery(start, start.AddHours(1)), PageRequest.First, CrmRole.System)).Items);
        Assert.Equal((CallDisposition.Abandoned, (int?)null, 60_000L), (old.Disposition, old.SurveyScore, old.QueueWaitMilliseconds));
        await upgraded.Cdrs.AppendAsync(tenant, Cdrs.Answered("new", start, 5, 60, survey: 4));
        var rows = await upgraded.Reports.GetKpisAsync(tenant, new KpiRequest(start, start.AddHours(1), ReportGranularity.Interval60, ReportDimension.Queue));
        Assert.Equal((2L, 1L, 4.0), (rows[0].Counts.Offered, rows[0].Counts.SurveyCount, rows[0].AverageSurveyScore!.Value));
    }

    [Fact]
    public async Task A_database_at_the_previous_version_keeps_its_cdrs_with_their_whole_second_waits_as_milliseconds()
    {
        var options = Options("previous.db");
        var tenant = Tenants.New("mig-ms");
        var previous = SqliteCrmStore.LatestSchemaVersion - 1;
        var start = Cdrs.Day.AddHours(10);
        await using (var before = SqliteCrmStore.Open(options, previous))
        {
            Assert.Equal(previous, before.SchemaVersion);
        }

        // CDRs as the previous version's code wrote them: the queue wait in whole seconds.
        using (var c = new SqliteConnection($"Data Source={options.Path};Pooling=False"))
        {
            c.Open();
            foreach (var (leg, disposition, wait) in new[] { ("old-answered", CallDisposition.Answered, 12), ("old-abandoned", CallDisposition.Abandoned, 3) })
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = """
                    INSERT INTO cdrs(tenant, call_id, leg_id, direction, started_ms, answered_ms, ended_ms, duration_s, billable_s, disposition,
                                     queue, agent, queue_wait_s, hold_s, wrap_up_s, transferred)
                    VALUES ($t, $leg, $leg, 0, $s, $a, $e, 60, 0, $d, 'sales', 'alice', $w, 0, 0, 0)
                    """;
                cmd.Parameters.AddWithValue("$t", tenant.Value);
                cmd.Parameters.AddWithValue("$leg", leg);
                cmd.Parameters.AddWithValue("$s", start.ToUnixTimeMilliseconds());
                cmd.Parameters.AddWithValue("$a", disposition == CallDisposition.Answered ? start.AddSeconds(wait).ToUnixTimeMilliseconds() : DBNull.Value);
                cmd.Parameters.AddWithValue("$e", start.AddMinutes(1).ToUnixTimeMilliseconds());
                cmd.Parameters.AddWithValue("$d", (int)disposition);
                cmd.Parameters.AddWithValue("$w", wait);
                cmd.ExecuteNonQuery();
            }
        }

        await using var upgraded = SqliteCrmStore.Open(options);
        Assert.Equal(SqliteCrmStore.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Equal(0L, Scalar(options.Path, "SELECT count(*) FROM pragma_table_info('cdrs') WHERE name = 'queue_wait_s'"));
        var old = (await upgraded.Cdrs.QueryAsync(tenant, new CdrQuery(start, start.AddHours(1)), PageRequest.First, CrmRole.System)).Items;
        Assert.Equal([("old-answered", 12_000L, 12), ("old-abandoned", 3_000L, 3)], old.Select(r => (r.LegId, r.QueueWaitMilliseconds, r.QueueWaitSeconds)));

        // A new CDR keeps its milliseconds next to the converted ones, and the report sums both.
        await upgraded.Cdrs.AppendAsync(tenant, Cdrs.Answered("new", start.AddMinutes(5), 2, 60) with { QueueWaitMilliseconds = 2_345 });
        var row = Assert.Single(await upgraded.Reports.GetKpisAsync(tenant, new KpiRequest(start, start.AddHours(1), ReportGranularity.Interval60, ReportDimension.Queue)));
        Assert.Equal((14_345L, 3_000L, 12_000L), (row.Counts.AnswerWaitMilliseconds, row.Counts.AbandonWaitMilliseconds, row.Counts.MaxWaitMilliseconds));
        Assert.Equal(14_345.0 / 2 / 1000, row.AverageSpeedOfAnswer);
    }

    [Fact]
    public async Task A_database_from_a_newer_library_is_refused_with_its_version()
    {
        var options = Options("newer.db");
        await using (SqliteCrmStore.Open(options))
        {
        }

        Scalar(options.Path, "PRAGMA user_version = 99");
        var e = Assert.Throws<CrmSchemaException>(() => SqliteCrmStore.Open(options));
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_migration_applies_on_top_of_the_one_before()
    {
        var path = _dir.File("stepwise.db");
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        for (var v = 1; v <= SqliteCrmStore.LatestSchemaVersion; v++)
        {
            Assert.Equal(v, SqliteMigrator.Migrate(c, v));
        }
    }

    public void Dispose() => _dir.Dispose();
}
