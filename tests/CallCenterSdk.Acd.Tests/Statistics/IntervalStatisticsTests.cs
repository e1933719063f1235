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

    private static readonly DateTimeOffset Eight = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>One contact answered after <paramref name="answerAfter"/> s, another abandoned after <paramref name="abandonAfter"/> s.</summary>
    private static void AnswerAndAbandon(AcdHarness h, QueueId q, string agent, double answerAfter, double abandonAfter)
    {
        var answered = h.Call(q).Contact;
        var abandoned = h.Call(q).Contact;
        if (abandonAfter <= answerAfter)
        {
            h.Wait(abandonAfter);
            h.Engine.Abandon(abandoned);
            h.Wait(answerAfter - abandonAfter);
            h.Engine.Login(A(agent));
            h.Engine.Accept(A(agent), answered);
        }
        else
        {
            h.Wait(answerAfter);
            h.Engine.Login(A(agent));
            h.Engine.Accept(A(agent), answered);
            h.Wait(abandonAfter - answerAfter);
            h.Engine.Abandon(abandoned);
        }

        h.Engine.Release(answered);
    }

    [Fact]
    public void Each_queue_uses_its_own_thresholds_without_any_statistics_configuration()
    {
        var h = new AcdHarness();
        var slow = h.Queue("slow", configure: d => d with { ServiceLevelThreshold = TimeSpan.FromSeconds(60), ShortAbandonThreshold = TimeSpan.FromSeconds(10) });
        var fast = h.Queue("fast");
        var stats = new IntervalStatistics();
        h.Engine.Subscribe(stats);
        h.Agent("s", In(slow));
        h.Agent("f", In(fast));
        AnswerAndAbandon(h, slow, "s", answerAfter: 40, abandonAfter: 7);
        AnswerAndAbandon(h, fast, "f", answerAfter: 40, abandonAfter: 7);

        var s = stats.Summarize(slow, Eight, Eight.AddHours(1));
        Assert.Equal(1, s.AnsweredWithinThreshold); // 40 s <= 60 s
        Assert.Equal(1, s.ShortAbandons); // 7 s < 10 s
        Assert.Equal(0.5, s.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned));
        var f = stats.Summarize(fast, Eight, Eight.AddHours(1));
        Assert.Equal(0, f.AnsweredWithinThreshold); // 40 s > 20 s
        Assert.Equal(0, f.ShortAbandons); // 7 s >= 5 s
    }

    [Fact]
    public void An_explicit_per_queue_threshold_overrides_the_queue_definition()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { ServiceLevelThreshold = TimeSpan.FromSeconds(60) });
        var stats = new IntervalStatistics(new StatisticsOptions
        {
            PerQueue = new Dictionary<QueueId, (TimeSpan, TimeSpan)> { [q] = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)) },
        });
        h.Engine.Subscribe(stats);
        h.Agent("a", In(q));
        AnswerAndAbandon(h, q, "a", answerAfter: 40, abandonAfter: 50);
        Assert.Equal(0, stats.Summarize(q, Eight, Eight.AddHours(1)).AnsweredWithinThreshold);
    }

    [Fact]
    public void Tenant_figures_sum_every_queue_of_the_tenant_and_no_other()
    {
        var h = new AcdHarness();
        var sales = h.Queue("sales");
        var support = h.Queue("support", configure: d => d with { ServiceLevelThreshold = TimeSpan.FromSeconds(45) });
        var other = new QueueId(new TenantId("t2"), "sales");
        h.Engine.DefineQueue(new QueueDefinition { Id = other });
        h.Engine.DefineAgent(new AgentDefinition { Id = new AgentId(other.Tenant, "x"), Queues = [new QueueMembership { Queue = other }] });
        var stats = new IntervalStatistics();
        h.Engine.Subscribe(stats);
        h.Agent("a", In(sales));
        h.Agent("b", In(support));
        AnswerAndAbandon(h, sales, "a", answerAfter: 10, abandonAfter: 30); // within 20 s, abandon after
        AnswerAndAbandon(h, support, "b", answerAfter: 40, abandonAfter: 3); // within 45 s, short abandon
        h.Engine.Enqueue(new ContactRequest { Queue = other });
        h.Wait(10);
        h.Engine.Login(new AgentId(other.Tenant, "x")); // answered in the other tenant: not counted below

        var today = stats.SummarizeTenant(Tenant, Eight.Date, Eight.Date.AddDays(1));
        Assert.Equal(4, today.Offered);
        Assert.Equal(2, today.Answered);
        Assert.Equal(2, today.AnsweredWithinThreshold);
        Assert.Equal(2, today.Abandoned);
        Assert.Equal(1, today.ShortAbandons);
        Assert.Equal(0.5, today.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned));
        Assert.Equal(2.0 / 3, today.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndLongAbandons));
        Assert.Equal(today, stats.Summarize(sales, Eight.Date, Eight.Date.AddDays(1)) + stats.Summarize(support, Eight.Date, Eight.Date.AddDays(1)));
        Assert.Equal(1, stats.SummarizeTenant(other.Tenant, Eight.Date, Eight.Date.AddDays(1)).Offered);
    }

    [Fact]
    public void A_transfer_counts_in_the_queue_it_left_and_is_offered_again_in_the_target()
    {
        var h = new AcdHarness();
        var sales = h.Queue("sales");
        var support = h.Queue("support");
        var stats = new IntervalStatistics();
        h.Engine.Subscribe(stats);
        h.Agent("s", In(sales));
        h.Agent("t", In(support));
        h.Engine.Login(A("s"));
        var c = h.Call(sales).Contact;
        h.Engine.Accept(A("s"), c);
        h.Wait(30);
        h.Engine.Transfer(c, support);
        h.Wait(5);
        h.Engine.Login(A("t"));
        h.Engine.Accept(A("t"), c);
        h.Engine.Release(c);

        var s = stats.Summarize(sales, Eight, Eight.AddHours(1));
        Assert.Equal(1, s.Transfers);
        Assert.Equal(1, s.Offered);
        Assert.Equal(1, s.Completed);
        var t = stats.Summarize(support, Eight, Eight.AddHours(1));
        Assert.Equal(0, t.Transfers);
        Assert.Equal(1, t.Offered); // the transfer in
        Assert.Equal(1, t.Answered);
        Assert.Equal(TimeSpan.FromSeconds(5), t.MaxWait);
        Assert.Equal(1, stats.SummarizeTenant(Tenant, Eight, Eight.AddHours(1)).Transfers);
    }

    [Fact]
    public void Per_queue_occupancy_and_utilization_count_each_members_time_in_every_queue_it_serves()
    {
        var h = new AcdHarness();
        var sales = h.Queue("sales");
        var support = h.Queue("support");
        h.Agent("both", In(sales), In(support));
        h.Agent("helper", In(support));
        var stats = new IntervalStatistics(StatisticsOptions.ForQueues(
            [new QueueDefinition { Id = sales }, new QueueDefinition { Id = support }],
            TimeSpan.FromMinutes(30),
            [new AgentDefinition { Id = A("both"), Queues = [In(sales), In(support)] }, new AgentDefinition { Id = A("helper"), Queues = [In(support)] }]));
        h.Engine.Subscribe(stats);
        h.Engine.Login(A("both")); // 08:00
        h.Engine.Login(A("helper"));
        var c = h.Call(support).Contact;
        Assert.Equal(A("both"), h.AcceptOffer(c)); // same idle time: the first member
        h.Wait(300);
        h.Engine.Release(c); // 5 min on contact
        h.Engine.SetNotReady(A("helper"), NotReadyReasons.Break);
        h.Wait(300); // 08:10

        var now = h.Time.GetUtcNow();
        var salesTime = stats.AgentTime(sales, Eight, Eight.AddMinutes(30), now);
        Assert.Equal(TimeSpan.FromSeconds(600), salesTime.LoggedIn); // only "both"
        Assert.Equal(TimeSpan.FromSeconds(300), salesTime.Busy);
        Assert.Equal(0.5, salesTime.Occupancy);
        var supportTime = stats.AgentTime(support, Eight, Eight.AddMinutes(30), now);
        Assert.Equal(TimeSpan.FromSeconds(1200), supportTime.LoggedIn); // both agents
        Assert.Equal(TimeSpan.FromSeconds(300), supportTime.Busy);
        Assert.Equal(TimeSpan.FromSeconds(300), supportTime.NotReady);
        Assert.Equal(300.0 / 900, supportTime.Occupancy);
        Assert.Equal(300.0 / 1200, supportTime.Utilization);
        Assert.Equal(stats.AgentTime(Tenant, Eight, Eight.AddMinutes(30), now), supportTime); // support holds every agent once
        Assert.Equal(TimeSpan.Zero, new IntervalStatistics().AgentTime(sales, Eight, Eight.AddMinutes(30), now).LoggedIn);
    }
}
