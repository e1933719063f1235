using System.Diagnostics;
using System.Reflection;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Crm.Tenancy;
using CallCenterSdk.Crm.Tests.Support;

namespace CallCenterSdk.Crm.Tests.Sqlite;

public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string ProbePath()
    {
        var path = typeof(SqliteDurabilityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "KillProbePath")?.Value;
        Assert.False(string.IsNullOrEmpty(path), "the test assembly carries no KillProbePath: the KillProbe project reference is missing from the csproj");
        Assert.True(File.Exists(path), $"the kill probe was not built at {path}");
        return path;
    }

    [Theory]
    [InlineData(SqliteDurability.ProcessCrash)]
    [InlineData(SqliteDurability.PowerLoss)]
    public async Task Every_acknowledged_cdr_survives_a_kill_of_the_writing_process(SqliteDurability durability)
    {
        var db = _dir.File($"kill-{durability}.db");
        var tenant = Tenants.New("kill");
        var acked = new HashSet<string>(StringComparer.Ordinal);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ProbePath(), db, tenant.Value, "8", durability.ToString() })
        {
            psi.ArgumentList.Add(a);
        }

        using var probe = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            // Kill it mid-load: after 3000 acknowledgements, with eight writers still appending.
            while (acked.Count < 3000)
            {
                var line = await probe.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    Assert.Fail($"the probe exited early: {await probe.StandardError.ReadToEndAsync(timeout.Token)}");
                }

                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    acked.Add(line[4..]);
                }
            }
        }
        finally
        {
            probe.Kill(entireProcessTree: true); // SIGKILL: no disposal, no flush, no checkpoint
            await probe.WaitForExitAsync(CancellationToken.None);
        }

        // Lines already in the pipe were acknowledged before the kill too.
        string? rest;
        while ((rest = await probe.StandardOutput.ReadLineAsync(CancellationToken.None)) is not null)
        {
            if (rest.StartsWith("ack ", StringComparison.Ordinal))
            {
                acked.Add(rest[4..]);
            }
        }

        Assert.Equal(137, probe.ExitCode);
        await using var store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = db });
        var stored = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        var from = DateTimeOffset.UnixEpoch.AddYears(56);
        do
        {
            var page = await store.Cdrs.QueryAsync(tenant, new CdrQuery(from, from.AddYears(1)), new PageRequest(PageRequest.MaxSize, token), CrmRole.System);
            stored.UnionWith(page.Items.Select(c => c.LegId));
            token = page.NextPageToken;
        }
        while (token is not null);

        var lost = acked.Except(stored).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acked.Count} acknowledged CDRs were lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(stored.Count >= acked.Count);
    }

    [Fact]
    public async Task Concurrent_appends_share_transactions()
    {
        await using var store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = _dir.File("batch.db"), Durability = SqliteDurability.PowerLoss });
        var tenant = new TenantId("batch");
        var before = store.BatchesCommitted;
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => store.Cdrs.AppendAsync(tenant, Cdrs.Answered($"b{i}", Cdrs.Day, 1, 10))));
        var batches = store.BatchesCommitted - before;
        Assert.InRange(batches, 1, 250);
        Assert.Equal(500, await store.Cdrs.CountAsync(tenant, Cdrs.Day, Cdrs.Day.AddDays(1)));
    }

    [Fact]
    public async Task A_failing_write_fails_only_its_own_caller()
    {
        await using var store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = _dir.File("fail.db") });
        var tenant = new TenantId("fail");
        await store.Recordings.AddAsync(tenant, new Recordings.Recording("dup", "c", null, null, null, Cdrs.Day, 1, "wav", "/x", 1, Cdrs.Day.AddDays(1)));
        var good = store.Cdrs.AppendAsync(tenant, Cdrs.Answered("ok", Cdrs.Day, 1, 10));
        var bad = store.Recordings.AddAsync(tenant, new Recordings.Recording("dup", "c", null, null, null, Cdrs.Day, 1, "wav", "/x", 1, Cdrs.Day.AddDays(1)));
        await Assert.ThrowsAsync<CrmValidationException>(() => bad);
        Assert.True(await good > 0);
        Assert.Equal(1, await store.Cdrs.CountAsync(tenant, Cdrs.Day, Cdrs.Day.AddDays(1)));
    }

    [Fact]
    public async Task Writes_after_dispose_fail_clearly()
    {
        var store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = _dir.File("disposed.db") });
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Cdrs.AppendAsync(new TenantId("x"), Cdrs.Answered("late", Cdrs.Day, 1, 10)));
    }

    public void Dispose() => _dir.Dispose();
}
