using CallCenterSdk.Media.Jitter;

namespace CallCenterSdk.Media.Tests.Jitter;

public class RelativeDelayEstimatorTests
{
    /// <summary>
    /// Packets every 20 ms whose network delay is 30 ms plus the given variation; the deadline is chosen after
    /// every packet, as the buffer does on each frame.
    /// </summary>
    private static RelativeDelayEstimator Feed(IEnumerable<double> relativeDelays, JitterBufferOptions? options = null)
    {
        var estimator = new RelativeDelayEstimator(options ?? new JitterBufferOptions());
        int i = 0;
        foreach (double delay in relativeDelays)
        {
            double media = i++ * 20.0;
            estimator.Update(media + 30 + delay, media);
            estimator.ChooseOnGrid(0, 20, 0);
        }

        return estimator;
    }

    /// <summary>Delays spread evenly over 0..<paramref name="spread"/> ms, one at 0 every second so the zero stays put.</summary>
    private static IEnumerable<double> Spread(int count, double spread, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => i % 50 == 0 ? 0 : random.NextDouble() * spread);
    }

    [Theory]
    [InlineData(5, 45, 0.18)]
    [InlineData(12, 32, 0.6)]
    [InlineData(19, 39, 0.38)]
    public void Deadline_is_the_cheapest_the_frame_clock_can_realize_not_the_target_rounded_up(double phase, double expected, double lateShare)
    {
        // Delays spread evenly over 0..30 ms: losing any of them costs more than waiting, so the deadline covers
        // them all, on the grid the phase gives (phase + k * 20 ms): with phase 5 that is 45 ms, not 35.
        var estimator = Feed(Spread(3000, 30, 4));
        var choice = estimator.ChooseOnGrid(phase, 20, 0);
        Assert.Equal(expected, choice.DeadlineMs, 6);
        // The share arriving within a step below it: (deadline - 20, 30] of an even spread.
        Assert.InRange(choice.LateShare, lateShare - 0.04, lateShare + 0.04);
    }

    [Fact]
    public void Late_share_counts_the_packets_within_one_step_below_the_deadline()
    {
        // 98 % of packets at 2 ms, 2 % at 25 ms: with a deadline of 30 only the late ones fall in (10, 30].
        var estimator = Feed(Enumerable.Range(0, 3000).Select(i => i % 50 == 7 ? 25.0 : i % 50 == 0 ? 0 : 2.0));
        var choice = estimator.ChooseOnGrid(10, 20, 0);
        Assert.Equal(30, choice.DeadlineMs, 6);
        Assert.InRange(choice.LateShare, 0.015, 0.025);
    }

    [Fact]
    public void Young_histogram_covers_the_largest_delay_seen_with_some_to_spare()
    {
        var estimator = Feed([0, 10, 22]);
        Assert.True(estimator.ChooseOnGrid(0, 20, 0).DeadlineMs >= 40, "three packets do not show the tail: the deadline stays above the largest delay");
    }

    [Fact]
    public void A_delay_peak_holds_the_deadline_it_raised_for_a_peak_period_then_lets_it_fall()
    {
        // 6 s of 0..10 ms jitter, a hand-over (the link stalls 200 ms and releases its queue at once), 6 s calm.
        var stall = Enumerable.Range(0, 10).Select(k => 200.0 - (k * 20));
        var delays = Spread(300, 10, 9).Concat(stall).Concat(Spread(290, 10, 10)).ToList();
        var options = new JitterBufferOptions { PeakPeriodSeconds = 10 };
        double held = Feed(delays, options).ChooseOnGrid(0, 20, 0).DeadlineMs;

        // Without peak detection the calm packets dilute the stall and the deadline is already sinking.
        double diluted = Feed(delays, options with { PeakThresholdMs = 2000 }).ChooseOnGrid(0, 20, 0).DeadlineMs;
        Assert.True(held >= 140 && diluted < held, $"deadline {held} ms with the peak held, {diluted} ms without");

        // 14 s after the only stall (more than a peak period) it falls back to the jitter.
        double after = Feed(delays.Concat(Spread(400, 10, 11)), options).ChooseOnGrid(0, 20, 0).DeadlineMs;
        Assert.True(after <= 20, $"deadline {after} ms long after the only stall");
    }
}
