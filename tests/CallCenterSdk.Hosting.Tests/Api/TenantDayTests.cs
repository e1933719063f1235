using System.Text.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Hosting.Crm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Tests.Api;

/// <summary>"Today" is the tenant's day: ACME at UTC+14 (Pacific/Kiritimati, no daylight saving), Globex at UTC.</summary>
public sealed class TenantDayTests
{
    [Fact]
    public async Task Wallboard_today_and_the_reports_default_day_begin_at_the_tenants_midnight()
    {
        // 09:45 UTC is 23:45 on 7 December in Kiritimati; ACME's day turns at 10:00 UTC, Globex's at 00:00 UTC.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 45, 0, TimeSpan.Zero));
        await using var center = await TestCenter.StartAsync(
            o => o.Tenants[0].TimeZone = "Pacific/Kiritimati",
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var acme = center.Acd.Find("acme")!;
        var globex = center.Acd.Find("globex")!;
        acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930555" });
        globex.Enqueue(new ContactRequest { Queue = new QueueId(globex.Tenant, "support"), CallerNumber = "+4940555" });
        Assert.Equal(1, acme.TodayForTenant().Offered);
        Assert.Equal(1, globex.TodayForTenant().Offered);

        time.Advance(TimeSpan.FromMinutes(30)); // 10:15 UTC: 00:15 on 8 December in Kiritimati, still 7 December in UTC
        Assert.Equal(0, acme.TodayForTenant().Offered);
        Assert.Equal(1, globex.TodayForTenant().Offered);
        acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930556" });
        Assert.Equal(1, acme.TodayForTenant().Offered);

        using var sam = await center.SignInAsync("acme", "sam");
        var wallboard = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/supervisor/wallboard"));
        Assert.Equal(1, wallboard.GetProperty("today").GetProperty("offered").GetInt64());
        Assert.Equal("2026-12-08", wallboard.GetProperty("day").GetString()); // the board says which day it counts
        Assert.Equal("Pacific/Kiritimati", wallboard.GetProperty("timeZone").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), wallboard.GetProperty("dayStart").GetDateTimeOffset().ToUniversalTime());
        var globexBoard = await TestCenter.JsonAsync(await (await center.SignInAsync("globex", "sam")).GetAsync("/api/tenants/globex/supervisor/wallboard"));
        Assert.Equal("2026-12-07", globexBoard.GetProperty("day").GetString());

        // CDRs either side of ACME's midnight: the default range (today) and the date 2026-12-08 hold only the later one,
        // and days are ACME's days.
        var store = center.App.Services.GetRequiredService<CrmStoreHost>().Store;
        await store.Cdrs.AppendManyAsync(new CrmTenant("acme"), [
            Cdr("before", new DateTimeOffset(2026, 12, 7, 9, 50, 0, TimeSpan.Zero)),
            Cdr("after", new DateTimeOffset(2026, 12, 7, 10, 5, 0, TimeSpan.Zero)),
        ]);
        foreach (var query in new[] { "granularity=day&dimension=tenant", "from=2026-12-08&granularity=day&dimension=tenant" })
        {
            var rows = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/reports/kpis?" + query));
            var row = Assert.Single(rows.EnumerateArray());
            Assert.Equal(1, row.GetProperty("counts").GetProperty("offered").GetInt64());
            Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), BucketStart(row));
        }

        var both = await TestCenter.JsonAsync(await sam.GetAsync("/api/tenants/acme/reports/kpis?from=2026-12-07&to=2026-12-09&granularity=day&dimension=tenant"));
        Assert.Equal([1L, 1L], both.EnumerateArray().Select(r => r.GetProperty("counts").GetProperty("offered").GetInt64()));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), BucketStart(both[0]));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_configuration_error()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => TestCenter.StartAsync(o => o.Tenants[0].TimeZone = "Mars/Olympus_Mons"));
        Assert.Contains("time zone 'Mars/Olympus_Mons' is unknown", e.ToString(), StringComparison.Ordinal);
    }

    private static DateTimeOffset BucketStart(JsonElement row) => row.GetProperty("bucketStart").GetDateTimeOffset().ToUniversalTime();

    private static CallDetailRecord Cdr(string leg, DateTimeOffset start) => new(
        0, "call-" + leg, leg, leg, CallDirection.Inbound, "+4930555", null, "+4930100", start,
        start.AddSeconds(10), start.AddSeconds(70), CallDisposition.Answered, Queue: "support", Agent: "alice", QueueWaitMilliseconds: 10_000);
}
