using CallCenterSdk.Media.Rtcp;

namespace CallCenterSdk.Media.Tests.Rtcp;

// Expected values worked by hand from RFC 3550 §6.3.1 / Appendix A.7 rtcp_interval(); COMPENSATION = e - 3/2 = 1.21828.
public class RtcpIntervalTests
{
    private static readonly Random Middle = new FixedRandom(0.5); // factor (0.5 + 0.5) = 1

    [Fact]
    public void Small_session_uses_the_five_second_minimum()
    {
        // 2 members, 1 sender (not <= 25%): no split; 100 * 2 / 500 = 0.4 s < 5 s.
        var t = RtcpInterval.Compute(2, 1, 500, weSent: true, 100, initial: false, Middle);
        Assert.Equal(5 / 1.21828, t.TotalSeconds, 4);
    }

    [Fact]
    public void Initial_report_halves_the_minimum()
    {
        var t = RtcpInterval.Compute(1, 0, 500, weSent: false, 100, initial: true, Middle);
        Assert.Equal(2.5 / 1.21828, t.TotalSeconds, 4);
    }

    [Fact]
    public void Senders_share_a_quarter_of_the_bandwidth_when_they_are_few()
    {
        // 10 members, 2 senders (<= 2.5): senders get 500 * 0.25 = 125 B/s among 2: 1000 * 2 / 125 = 16 s.
        var t = RtcpInterval.Compute(10, 2, 500, weSent: true, 1000, initial: false, Middle);
        Assert.Equal(16 / 1.21828, t.TotalSeconds, 4);
    }

    [Fact]
    public void Receivers_share_three_quarters_among_the_non_senders()
    {
        // Receivers: 500 * 0.75 = 375 B/s among 8: 1000 * 8 / 375 = 21.333 s.
        var t = RtcpInterval.Compute(10, 2, 500, weSent: false, 1000, initial: false, Middle);
        Assert.Equal(1000.0 * 8 / 375 / 1.21828, t.TotalSeconds, 4);
    }

    [Fact]
    public void Randomization_spans_half_to_one_and_a_half_times_the_interval()
    {
        var low = RtcpInterval.Compute(2, 1, 500, true, 100, false, new FixedRandom(0));
        var high = RtcpInterval.Compute(2, 1, 500, true, 100, false, new FixedRandom(0.999999));
        Assert.Equal(2.5 / 1.21828, low.TotalSeconds, 4);
        Assert.Equal(7.5 / 1.21828, high.TotalSeconds, 3);
    }

    [Fact]
    public void Reduced_minimum_is_360_over_the_bandwidth_in_kbps()
    {
        Assert.Equal(TimeSpan.FromSeconds(4.5), RtcpInterval.ReducedMinimum(80));
        var t = RtcpInterval.Compute(2, 1, 500, true, 100, false, Middle, RtcpInterval.ReducedMinimum(360));
        Assert.Equal(1 / 1.21828, t.TotalSeconds, 4);
    }

    [Fact]
    public void Schedule_starts_with_the_initial_interval()
    {
        var schedule = new RtcpTransmissionSchedule(TimeSpan.FromSeconds(10), 500, 72, Middle);
        Assert.Equal(10 + (2.5 / 1.21828), schedule.NextTransmission.TotalSeconds, 4);
        Assert.True(schedule.Initial);
        Assert.Equal(100, schedule.AverageRtcpSize);
    }

    [Fact]
    public void Timer_reconsideration_postpones_the_report_when_the_group_grew()
    {
        var schedule = new RtcpTransmissionSchedule(TimeSpan.Zero, 500, 72, Middle);
        var due = schedule.NextTransmission;

        // 100 members appeared meanwhile: 100 * 100 / 375 = 26.7 s from tp = 0, far beyond now.
        schedule.Members = 100;
        Assert.False(schedule.OnTimerExpired(due, weSent: false));
        Assert.Equal(100.0 * 100 / 375 / 1.21828, schedule.NextTransmission.TotalSeconds, 3);
        Assert.True(schedule.OnTimerExpired(schedule.NextTransmission, weSent: false));
    }

    [Fact]
    public void Sent_report_updates_the_average_size_and_leaves_the_initial_state()
    {
        var schedule = new RtcpTransmissionSchedule(TimeSpan.Zero, 500, 72, Middle);
        schedule.OnReportSent(TimeSpan.FromSeconds(2), 212, weSent: true);

        // avg = (212 + 28) / 16 + 100 * 15 / 16 = 15 + 93.75.
        Assert.Equal(108.75, schedule.AverageRtcpSize, 6);
        Assert.False(schedule.Initial);
        Assert.Equal(2 + (5 / 1.21828), schedule.NextTransmission.TotalSeconds, 4);
    }

    [Fact]
    public void Reverse_reconsideration_pulls_the_next_report_closer_when_members_leave()
    {
        var schedule = new RtcpTransmissionSchedule(TimeSpan.Zero, 500, 72, Middle) { Members = 10 };
        schedule.OnReportSent(TimeSpan.Zero, 72, weSent: false);
        var before = schedule.NextTransmission;
        var now = TimeSpan.FromSeconds(1);
        schedule.OnMembersDecreased(now, 5);

        // §6.3.4: tn = tc + (members / pmembers)(tn - tc); tp = tc - (members / pmembers)(tc - tp).
        Assert.Equal((now + ((before - now) * 0.5)).TotalSeconds, schedule.NextTransmission.TotalSeconds, 6);
        Assert.Equal(0.5, schedule.PreviousTransmission.TotalSeconds, 6);
        Assert.Equal(5, schedule.Members);
    }

    [Fact]
    public void Deterministic_interval_has_no_randomization()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), RtcpInterval.Deterministic(2, 500, 100, initial: false));
        Assert.Equal(TimeSpan.FromSeconds(2.5), RtcpInterval.Deterministic(2, 500, 100, initial: true));
        Assert.Equal(TimeSpan.FromSeconds(20), RtcpInterval.Deterministic(100, 500, 100, initial: false));
    }
}
