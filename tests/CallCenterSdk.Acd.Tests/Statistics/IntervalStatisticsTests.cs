using CallCenterSdk.Acd.Statistics;
using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Statistics;

/// <summary>The KPI formulas on a scripted half hour whose figures are worked out by hand.</summary>
public sealed class IntervalStatisticsTests
{
    private static (AcdHarness H, IntervalStatistics S, QueueId Q) Scripted()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { WrapUp = TimeSpan.FromSeconds(20) });
        var stats = new IntervalStatistics(new StatisticsOptions
        {
            Interval = TimeSpan.FromMinutes(30),
            ServiceLevelThreshold = TimeSpan.FromSeconds(20),
            ShortAbandonThreshold = TimeSpan.FromSeconds(5),
        });
        h.Engine.Subscribe(stats);
        h.Agent("a", In(q));
        h.Engine.Login(A("a")); // 08:00:00

        // c1 answered at once, talks 100 s with 20 s of hold, 20 s wrap.
        var c1 = h.Call(q).Contact;
        h.Engine.Accept(A("a"), c1);
        var c2 = h.Call(q).Contact; // waits
        var c3 = h.Call(q).Contact; // abandons after 3 s (short)
        h.Wait(3);
        h.Engine.Abandon(c3);
        var c4 = h.Call(q).Contact; // abandons after 27 s
        h.Wait(27);
        h.Engine.Abandon(c4);
        h.Engine.SetHold(c1, true);
        h.Wait(20);
        h.Engine.SetHold(c1, false);
        h.Wait(50);
        h.Engine.Release(c1); // 08:01:40
        h.Wait(20); // wrap ends, c2 offered at 08:02:00 after 120 s
        h.Engine.Accept(A("a"), c2);
        h.Wait(60);
        h.Engine.Release(c2);
        h.Wait(20);
        return (h, stats, q);
    }

    [Fact]
    public void Counters_and_kpis_match_the_hand_worked_half_hour()
    {
        var (h, stats, q) = Scripted();
        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var f = stats.Summarize(q, start, start.AddMinutes(30));
        Assert.Equal(4, f.Offered);
        Assert.Equal(2, f.Answered);
        Assert.Equal(1, f.AnsweredWithinThreshold);
        Assert.Equal(2, f.Abandoned);
        Assert.Equal(1, f.ShortAbandons);
        Assert.Equal(1, f.AbandonedWithinThreshold);
        Assert.Equal(2, f.Completed);
        Assert.Equal(TimeSpan.FromSeconds(120), f.MaxWait);
        Assert.Equal(0.25, f.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned));
        Assert.Equal(0.5, f.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnswered));
        Assert.Equal(1.0 / 3, f.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndLongAbandons));
        Assert.Equal(0.5, f.ServiceLevel(ServiceLevelVariant.AnsweredOrAbandonedWithinOverAnsweredAndAbandoned));
        Assert.Equal(TimeSpan.FromSeconds(60), f.AverageSpeedOfAnswer); // (0 + 120) / 2
        // AHT = (talk 80 + 60, hold 20, wrap 20 + 20) / 2 = 100 s.
        Assert.Equal(TimeSpan.FromSeconds(100), f.AverageHandleTime);
        Assert.Equal(TimeSpan.FromSeconds(20), f.AverageAfterContactWork);
        Assert.Equal(1.0 / 3, f.AbandonRate); // (2 - 1) / (2 + 2 - 1)
        Assert.Equal(TimeSpan.FromSeconds(15), f.AverageAbandonTime); // (3 + 27) / 2
    }

    [Fact]
    public void Occupancy_and_utilization_come_from_agent_time_cut_at_interval_edges()
    {
        var (h, stats, _) = Scripted();
        // 08:03:20 now. Not ready for 10 minutes, then cross the 08:30 boundary while available.
        h.Engine.SetNotReady(A("a"), NotReadyReasons.Break);
        h.Wait(600);
        h.Engine.SetReady(A("a"));
        h.Wait(1200); // 08:33:20
        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var first = stats.AgentTime(Tenant, start, start.AddMinutes(30), h.Time.GetUtcNow());
        // Busy: ring 0 + talk 100 + wrap 20 + ring 0 + talk 60 + wrap 20 = 200 s; not ready 600 s; the rest available.
        Assert.Equal(TimeSpan.FromSeconds(200), first.Busy);
        Assert.Equal(TimeSpan.FromSeconds(600), first.NotReady);
        Assert.Equal(TimeSpan.FromMinutes(30), first.LoggedIn);
        Assert.Equal(200.0 / 1200, first.Occupancy);
        Assert.Equal(200.0 / 1800, first.Utilization);
        var second = stats.AgentTime(Tenant, start.AddMinutes(30), start.AddMinutes(60), h.Time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(200), second.Available); // the open state, counted up to now
    }

    [Fact]
    public void Intervals_split_outcomes_by_the_time_they_happen()
    {
        var (h, stats, q) = Scripted();
        h.Wait(1800);
        h.Call(q);
        var intervals = stats.Intervals(q);
        Assert.Equal(2, intervals.Count);
        Assert.Equal(4, intervals[0].Figures.Offered);
        Assert.Equal(1, intervals[1].Figures.Offered);
        Assert.Equal(TimeSpan.FromMinutes(30), intervals[1].Start - intervals[0].Start);
    }
}
