using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Tests.Support;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class ReportContract(IStoreFactory factory) : ContractTest(factory)
{
    private static readonly DateTimeOffset D = Cdrs.Day;

    /// <summary>The hand-computed day in docs/crm-cdr.md ("Worked example").</summary>
    private async Task<Tenancy.TenantId> WorkedExampleAsync()
    {
        var t = Tenants.New("kpi");
        var nine = D.AddHours(9);
        await Store.Cdrs.AppendManyAsync(t,
        [
            Cdrs.Answered("a", nine, waitS: 10, talkS: 120, holdS: 20, wrapS: 30, survey: 5),
            Cdrs.Answered("b", nine.AddMinutes(5), waitS: 25, talkS: 200, wrapS: 10, transferred: true, survey: 3),
            Cdrs.Answered("c", nine.AddMinutes(10), waitS: 5, talkS: 60, wrapS: 20),
            Cdrs.Abandoned("d", nine.AddMinutes(15), waitS: 3),
            Cdrs.Abandoned("e", nine.AddMinutes(20), waitS: 40),
            Cdrs.Answered("f", nine.AddMinutes(25), waitS: 20, talkS: 100, holdS: 10, agent: "bob"),
            Cdrs.Answered("g", nine.AddMinutes(30), waitS: 0, talkS: 50, queue: "support", agent: "bob"),
            Cdrs.Answered("direct", nine.AddMinutes(35), waitS: 0, talkS: 50) with { Queue = null },
            Cdrs.Answered("tomorrow", D.AddDays(1).AddHours(9), waitS: 1, talkS: 10),
        ]);
        await Store.Reports.AppendAgentStatesAsync(t,
        [
            new("alice", AgentState.Available, nine, nine.AddMinutes(30)),
            new("alice", AgentState.OnCall, nine.AddMinutes(30), nine.AddMinutes(40)),
            new("alice", AgentState.WrapUp, nine.AddMinutes(40), nine.AddMinutes(45)),
            new("alice", AgentState.Break, nine.AddMinutes(45), nine.AddMinutes(60)),
            new("bob", AgentState.OnCall, nine, nine.AddMinutes(30)),
            new("bob", AgentState.Available, nine.AddMinutes(30), nine.AddMinutes(60)),
        ]);
        return t;
    }

    [Fact]
    public async Task Day_report_per_queue_matches_the_hand_computation()
    {
        var t = await WorkedExampleAsync();
        var rows = await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1), ReportGranularity.Day, ReportDimension.Queue));

        Assert.Equal(["sales", "support"], rows.Select(r => r.Key));
        var sales = rows[0];
        Assert.Equal(D, sales.BucketStart);
        Assert.Equal(new KpiCounts(Offered: 6, Answered: 4, Abandoned: 2, ShortAbandoned: 1, AnsweredWithinThreshold: 3, AbandonedWithinThreshold: 1, AnswerWaitMilliseconds: 60_000,
            AbandonWaitMilliseconds: 43_000, MaxWaitMilliseconds: 40_000, TalkSeconds: 450, HoldSeconds: 30, WrapUpSeconds: 60, Transfers: 1, SurveyCount: 2, SurveySum: 8), sales.Counts);
        Assert.Equal(0.5, sales.ServiceLevel!.Value, 9);            // 3 / (4 + 2)
        Assert.Equal(15, sales.AverageSpeedOfAnswer!.Value, 9);     // 60 / 4
        Assert.Equal(135, sales.AverageHandleTime!.Value, 9);       // (450 + 30 + 60) / 4
        Assert.Equal(15, sales.AverageAfterCallWork!.Value, 9);     // 60 / 4
        Assert.Equal(0.2, sales.AbandonRate!.Value, 9);             // (2 - 1) / (4 + 2 - 1)
        Assert.Equal(21.5, sales.AverageAbandonTime!.Value, 9);     // 43 / 2
        Assert.Equal(4, sales.AverageSurveyScore!.Value, 9);        // 8 / 2
        Assert.Null(sales.Occupancy);
        Assert.Equal(1, rows[1].Counts.Answered);
        Assert.Equal(1.0, rows[1].ServiceLevel);
    }

    [Fact]
    public async Task Service_level_variants_are_named_and_differ_as_documented()
    {
        var t = await WorkedExampleAsync();
        async Task<double?> Sl(ServiceLevelFormula f) =>
            (await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1), ReportGranularity.Day, ReportDimension.Queue, ServiceLevel: f)))[0].ServiceLevel;
        Assert.Equal(0.5, await Sl(ServiceLevelFormula.AnsweredWithinOverAnsweredAndAbandoned));                      // 3 / 6
        Assert.Equal(0.75, await Sl(ServiceLevelFormula.AnsweredWithinOverAnswered));                                  // 3 / 4
        Assert.Equal(0.6, (await Sl(ServiceLevelFormula.AnsweredWithinOverAnsweredAndLongAbandons))!.Value, 9);        // 3 / 5
        Assert.Equal(4.0 / 6, (await Sl(ServiceLevelFormula.AnsweredOrAbandonedWithinOverAnsweredAndAbandoned))!.Value, 9); // (3 + 1) / 6
        var strict = await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1), ReportGranularity.Day, ReportDimension.Queue, ServiceLevelThresholdSeconds: 10, ShortAbandonThresholdSeconds: 0));
        Assert.Equal(2.0 / 6, strict[0].ServiceLevel!.Value, 9);
        Assert.Equal(0, strict[0].Counts.ShortAbandoned);
        Assert.Equal(2.0 / 6, strict[0].AbandonRate!.Value, 9);     // (2 - 0) / (4 + 2 - 0)
    }

    [Fact]
    public async Task Agent_and_tenant_reports_include_occupancy_and_utilization_from_agent_states()
    {
        var t = await WorkedExampleAsync();
        var agents = await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1), ReportGranularity.Day, ReportDimension.Agent));
        Assert.Equal(["alice", "bob"], agents.Select(r => r.Key));
        Assert.Equal(3, agents[0].Counts.Answered);
        Assert.Equal(1.0 / 3, agents[0].Occupancy!.Value, 9);      // (600 + 300) / (1800 + 600 + 300)
        Assert.Equal(0.25, agents[0].Utilization!.Value, 9);       // 900 / 3600
        Assert.Equal(0.5, agents[1].Occupancy!.Value, 9);          // 1800 / 3600

        var tenant = Assert.Single(await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1))));
        Assert.Equal(t.Value, tenant.Key);
        Assert.Equal((7, 5), (tenant.Counts.Offered, tenant.Counts.Answered));
        Assert.Equal(4.0 / 7, tenant.ServiceLevel!.Value, 9);      // (3 + 1) / (5 + 2)
        Assert.Equal(2700.0 / 6300, tenant.Occupancy!.Value, 9);
        Assert.Equal(2700.0 / 7200, tenant.Utilization!.Value, 9);
    }

    [Fact]
    public async Task Interval_week_and_month_buckets_follow_local_time()
    {
        var t = Tenants.New("kpi-buckets");
        var plusOne = TimeSpan.FromHours(1);
        await Store.Cdrs.AppendManyAsync(t,
        [
            Cdrs.Answered("feb", new DateTimeOffset(2026, 2, 28, 22, 59, 0, TimeSpan.Zero), 1, 10),      // 23:59 local: February
            Cdrs.Answered("mar", new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero), 1, 10),      // 00:30 local on 1 March
            Cdrs.Answered("sun", new DateTimeOffset(2026, 3, 8, 22, 0, 0, TimeSpan.Zero), 1, 10),        // Sunday 23:00 local
            Cdrs.Answered("mon", new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero), 1, 10),        // Monday 00:00 local
            Cdrs.Answered("q1", new DateTimeOffset(2026, 3, 9, 8, 14, 59, TimeSpan.Zero), 1, 10),        // 09:14:59 local
            Cdrs.Answered("q2", new DateTimeOffset(2026, 3, 9, 8, 15, 0, TimeSpan.Zero), 1, 10),         // 09:15 local
        ]);
        var from = new DateTimeOffset(2026, 2, 1, 0, 0, 0, plusOne);
        var to = new DateTimeOffset(2026, 4, 1, 0, 0, 0, plusOne);

        var months = await Store.Reports.GetKpisAsync(t, new KpiRequest(from, to, ReportGranularity.Month, UtcOffset: plusOne));
        Assert.Equal([(new DateTimeOffset(2026, 2, 1, 0, 0, 0, plusOne), 1L), (new DateTimeOffset(2026, 3, 1, 0, 0, 0, plusOne), 5L)], months.Select(r => (r.BucketStart, r.Counts.Offered)));
        Assert.Equal(plusOne, months[0].BucketStart.Offset);

        var weeks = await Store.Reports.GetKpisAsync(t, new KpiRequest(from, to, ReportGranularity.Week, UtcOffset: plusOne));
        Assert.Equal(
            [(new DateTimeOffset(2026, 2, 23, 0, 0, 0, plusOne), 2L), (new DateTimeOffset(2026, 3, 2, 0, 0, 0, plusOne), 1L), (new DateTimeOffset(2026, 3, 9, 0, 0, 0, plusOne), 3L)],
            weeks.Select(r => (r.BucketStart, r.Counts.Offered)));

        var quarters = await Store.Reports.GetKpisAsync(t, new KpiRequest(new DateTimeOffset(2026, 3, 9, 9, 0, 0, plusOne), new DateTimeOffset(2026, 3, 9, 10, 0, 0, plusOne), ReportGranularity.Interval15, UtcOffset: plusOne));
        Assert.Equal([new DateTimeOffset(2026, 3, 9, 9, 0, 0, plusOne), new DateTimeOffset(2026, 3, 9, 9, 15, 0, plusOne)], quarters.Select(r => r.BucketStart));
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Days_follow_the_time_zone_across_the_spring_change_a_23_hour_day()
    {
        // Europe/Berlin, Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST (at 01:00 UTC).
        var t = Tenants.New("kpi-dst-spring");
        await Store.Cdrs.AppendManyAsync(t,
        [
            Cdrs.Answered("sat-late", Utc(3, 28, 22, 30), 1, 10),    // Sat 23:30 CET
            Cdrs.Answered("sun-0030", Utc(3, 28, 23, 30), 1, 10),    // Sun 00:30 CET
            Cdrs.Answered("sun-0130", Utc(3, 29, 0, 30), 1, 10),     // Sun 01:30 CET
            Cdrs.Answered("sun-0330", Utc(3, 29, 1, 30), 1, 10),     // Sun 03:30 CEST
            Cdrs.Answered("sun-2330", Utc(3, 29, 21, 30), 1, 10),    // Sun 23:30 CEST (22:30 at a fixed +01:00)
            Cdrs.Answered("mon-0030", Utc(3, 29, 22, 30), 1, 10),    // Mon 00:30 CEST (still Sunday at a fixed +01:00)
        ]);
        var from = new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.FromHours(1));
        var to = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.FromHours(2));

        var days = await Store.Reports.GetKpisAsync(t, new KpiRequest(from, to, ReportGranularity.Day, TimeZone: Berlin));
        Assert.Equal(
            [
                (new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.FromHours(1)), 1L),
                (new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), 4L),
                (new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)), 1L),
            ],
            days.Select(r => (r.BucketStart, r.Counts.Offered)));
        Assert.Equal(TimeSpan.FromHours(23), days[2].BucketStart - days[1].BucketStart);
        Assert.Equal(TimeSpan.FromHours(2), days[2].BucketStart.Offset);

        // Hours: 01:00 CET is followed by 03:00 CEST, one real hour later.
        var hours = await Store.Reports.GetKpisAsync(t, new KpiRequest(Utc(3, 29, 0, 0), Utc(3, 29, 2, 0), ReportGranularity.Interval60, TimeZone: Berlin));
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2))],
            hours.Select(r => r.BucketStart));
    }

    [Fact]
    public async Task Days_and_hours_follow_the_time_zone_across_the_autumn_change_a_25_hour_day()
    {
        // Europe/Berlin, Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET (at 01:00 UTC); 02:00-03:00 happens twice.
        var t = Tenants.New("kpi-dst-autumn");
        await Store.Cdrs.AppendManyAsync(t,
        [
            Cdrs.Answered("sun-0030", Utc(10, 24, 22, 30), 1, 10),    // Sun 00:30 CEST (Sat 23:30 at a fixed +01:00)
            Cdrs.Answered("sun-0230a", Utc(10, 25, 0, 30), 1, 10),    // Sun 02:30 CEST, first time round
            Cdrs.Answered("sun-0230b", Utc(10, 25, 1, 30), 1, 10),    // Sun 02:30 CET, second time round
            Cdrs.Answered("sun-0245b", Utc(10, 25, 1, 45), 1, 10),    // Sun 02:45 CET
            Cdrs.Answered("sun-2330", Utc(10, 25, 22, 30), 1, 10),    // Sun 23:30 CET (Mon 00:30 at a fixed +02:00)
            Cdrs.Answered("mon-0030", Utc(10, 25, 23, 30), 1, 10),    // Mon 00:30 CET
        ]);
        var from = new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.FromHours(1));

        foreach (var dimension in new[] { ReportDimension.Tenant, ReportDimension.Queue })
        {
            var days = await Store.Reports.GetKpisAsync(t, new KpiRequest(from, to, ReportGranularity.Day, dimension, TimeZone: Berlin));
            Assert.Equal(
                [(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)), 5L), (new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1)), 1L)],
                days.Select(r => (r.BucketStart, r.Counts.Offered)));
            Assert.Equal(TimeSpan.FromHours(25), days[1].BucketStart - days[0].BucketStart);
        }

        // The repeated hour is two hourly buckets with the same local label and different offsets.
        var hours = await Store.Reports.GetKpisAsync(t, new KpiRequest(Utc(10, 25, 0, 0), Utc(10, 25, 2, 0), ReportGranularity.Interval60, TimeZone: Berlin));
        Assert.Equal(
            [(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(2)), 1L), (new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(1)), 2L)],
            hours.Select(r => (r.BucketStart, r.Counts.Offered)));

        // Agent time: a span over exactly the 25-hour day stays in it (no agent time, so no occupancy, on Monday).
        await Store.Reports.AppendAgentStatesAsync(t, [new("alice", AgentState.Available, Utc(10, 24, 22, 0), Utc(10, 25, 12, 0)), new("alice", AgentState.Available, Utc(10, 25, 12, 0), Utc(10, 25, 23, 0))]);
        var agentDays = await Store.Reports.GetKpisAsync(t, new KpiRequest(from, to, ReportGranularity.Day, ReportDimension.Agent, TimeZone: Berlin));
        Assert.Equal(
            [(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)), 5L, (double?)0.0), (new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1)), 1L, null)],
            agentDays.Where(r => r.Key == "alice").Select(r => (r.BucketStart, r.Counts.Offered, r.Occupancy)));
    }

    [Fact]
    public async Task A_time_zone_and_a_fixed_offset_together_are_refused()
    {
        var request = new KpiRequest(D, D.AddDays(1), UtcOffset: TimeSpan.FromHours(1), TimeZone: Berlin);
        var e = await Assert.ThrowsAsync<CrmValidationException>(() => Store.Reports.GetKpisAsync(Tenants.New("kpi-both"), request));
        Assert.Contains("not both", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The day's single tenant row for legs of queue sales from 09:00, one a minute, with the given waits in ms.</summary>
    private async Task<KpiRow> DayOfWaitsAsync(string tenant, params (bool Answered, long WaitMs)[] legs)
    {
        var t = Tenants.New(tenant);
        var nine = D.AddHours(9);
        await Store.Cdrs.AppendManyAsync(t, [.. legs.Select((l, i) => (l.Answered
            ? Cdrs.Answered($"l{i}", nine.AddMinutes(i), (int)(l.WaitMs / 1000), 60)
            : Cdrs.Abandoned($"l{i}", nine.AddMinutes(i), (int)(l.WaitMs / 1000))) with { QueueWaitMilliseconds = l.WaitMs })]);
        return Assert.Single(await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1))));
    }

    [Fact]
    public async Task Asa_and_abandon_time_keep_the_milliseconds_of_the_waits()
    {
        var row = await DayOfWaitsAsync("kpi-ms", (true, 1_500), (true, 2_251), (true, 999), (false, 7_001));
        Assert.Equal((4_750L, 7_001L, 7_001L), (row.Counts.AnswerWaitMilliseconds, row.Counts.AbandonWaitMilliseconds, row.Counts.MaxWaitMilliseconds));
        // Whole seconds would give (1 + 2 + 0) / 3 = 1 s; the milliseconds give 4750 / 3 / 1000.
        Assert.Equal(4_750.0 / 3 / 1000, row.AverageSpeedOfAnswer);
        Assert.Equal(7.001, row.AverageAbandonTime);
    }

    [Fact]
    public async Task Service_level_and_short_abandons_compare_milliseconds_with_the_thresholds()
    {
        // T = 20 s: 20.000 s is within, 20.001 s is not. Short abandons below S = 5 s: 4.999 s is short, 5.000 s is not.
        var row = await DayOfWaitsAsync("kpi-edge", (true, 20_000), (true, 20_001), (false, 4_999), (false, 5_000));
        Assert.Equal((1L, 2L, 1L), (row.Counts.AnsweredWithinThreshold, row.Counts.AbandonedWithinThreshold, row.Counts.ShortAbandoned));
        Assert.Equal(0.25, row.ServiceLevel);                       // 1 / (2 + 2)
        Assert.Equal(1.0 / 3, row.AbandonRate!.Value, 12);          // (2 - 1) / (2 + 2 - 1)
    }

    [Fact]
    public async Task A_generated_day_matches_an_independent_computation_per_hour_and_queue()
    {
        var t = Tenants.New("kpi-generated");
        var random = new Random(20260310);
        var queues = new[] { "sales", "support", "billing" };
        var cdrs = new List<CallDetailRecord>();
        for (var i = 0; i < 600; i++)
        {
            var start = D.AddSeconds(random.Next(0, 86_400));
            var queue = queues[random.Next(queues.Length)];
            // Waits to the millisecond, a few of them right at the thresholds (30 s, 10 s) and a millisecond either side.
            var waitMs = random.Next(10) == 0 ? (random.Next(2) == 0 ? 30_000 : 10_000) + random.Next(-1, 2) : random.Next(0, 120_000);
            var cdr = random.Next(10) < 8
                ? Cdrs.Answered($"g{i}", start, (int)(waitMs / 1000), random.Next(10, 900), queue, $"agent{random.Next(5)}", holdS: random.Next(0, 5), wrapS: random.Next(0, 60),
                    transferred: random.Next(10) == 0, survey: random.Next(3) == 0 ? random.Next(1, 6) : null)
                : Cdrs.Abandoned($"g{i}", start, (int)(waitMs / 1000), queue);
            cdrs.Add(cdr with { QueueWaitMilliseconds = waitMs });
        }

        await Store.Cdrs.AppendManyAsync(t, cdrs);
        var rows = await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(1), ReportGranularity.Interval60, ReportDimension.Queue, 30, 10));

        var expected = cdrs.GroupBy(c => (Hour: D.AddHours(c.StartedAt.Hour), c.Queue)).OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Queue, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => (g.Key.Hour, g.Key.Queue!)), rows.Select(r => (r.BucketStart, r.Key)));
        foreach (var (g, row) in expected.Zip(rows))
        {
            var answered = g.Where(c => c.Disposition == CallDisposition.Answered).ToList();
            var abandoned = g.Where(c => c.Disposition == CallDisposition.Abandoned).ToList();
            var shortAbandons = abandoned.Count(c => c.QueueWaitMilliseconds < 10_000);
            var within = answered.Count(c => c.QueueWaitMilliseconds <= 30_000);
            Assert.Equal(g.Count(), row.Counts.Offered);
            Assert.Equal(answered.Count, row.Counts.Answered);
            Assert.Equal(abandoned.Count, row.Counts.Abandoned);
            Assert.Equal(shortAbandons, row.Counts.ShortAbandoned);
            Assert.Equal(within, row.Counts.AnsweredWithinThreshold);
            Assert.Equal(g.Max(c => c.QueueWaitMilliseconds), row.Counts.MaxWaitMilliseconds);
            Assert.Equal(answered.Sum(c => c.QueueWaitMilliseconds), row.Counts.AnswerWaitMilliseconds);
            Assert.Equal(abandoned.Sum(c => c.QueueWaitMilliseconds), row.Counts.AbandonWaitMilliseconds);
            Assert.Equal(g.Count(c => c.Transferred), row.Counts.Transfers);
            var denominator = answered.Count + abandoned.Count;
            Assert.Equal(denominator == 0 ? null : (double)within / denominator, row.ServiceLevel);
            Assert.Equal(abandoned.Count(c => c.QueueWaitMilliseconds <= 30_000), row.Counts.AbandonedWithinThreshold);
            var longCalls = answered.Count + abandoned.Count - shortAbandons;
            Assert.Equal(longCalls == 0 ? null : (double)(abandoned.Count - shortAbandons) / longCalls, row.AbandonRate);
            if (answered.Count > 0)
            {
                Assert.Equal(answered.Average(c => (double)c.QueueWaitMilliseconds) / 1000, row.AverageSpeedOfAnswer!.Value, 9);
                Assert.Equal(answered.Average(c => (double)c.BillableSeconds + c.WrapUpSeconds), row.AverageHandleTime!.Value, 9);
            }

            var surveyed = g.Where(c => c.SurveyScore is not null).ToList();
            Assert.Equal(surveyed.Count == 0 ? null : surveyed.Average(c => (double)c.SurveyScore!.Value), row.AverageSurveyScore);
        }
    }

    [Fact]
    public async Task Reports_never_include_another_tenants_calls_or_agents()
    {
        var t = await WorkedExampleAsync();
        var other = Tenants.New("kpi-other");
        Assert.Empty(await Store.Reports.GetKpisAsync(other, new KpiRequest(D, D.AddDays(2), ReportGranularity.Day, ReportDimension.Agent)));
        Assert.Empty(await Store.Reports.GetKpisAsync(other, new KpiRequest(D, D.AddDays(2))));
        Assert.Equal(2, (await Store.Reports.GetKpisAsync(t, new KpiRequest(D, D.AddDays(2)))).Count);
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Reports.GetKpisAsync(t, new KpiRequest(D, D)));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Reports.AppendAgentStatesAsync(t, [new("x", AgentState.Available, D, D.AddDays(2))]));
    }
}
