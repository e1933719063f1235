using CallCenterSdk.Media.NetworkEmulation;
using CallCenterSdk.Media.Quality;

namespace CallCenterSdk.Media.Tests.Quality;

public class PlayoutScorerTests
{
    private static PacketTrace Trace(params double[] delays)
    {
        var packets = delays.Select((d, i) => new TracePacket(i, i * 160L, i * 20.0, double.IsNaN(d) ? double.NaN : (i * 20.0) + d, i == 0)).ToList();
        return new PacketTrace(8000, 20, packets);
    }

    [Fact]
    public void Oracle_picks_the_smallest_delay_that_loses_nothing_on_a_mild_trace()
    {
        var trace = Trace(30, 35, 32, 40, 31, 33, 38, 30, 36, 34);
        var oracle = PlayoutScorer.ScoreOracle(trace, CodecImpairment.G711WithPlc);
        Assert.Equal(40, oracle.MeanDelayMs, 6);
        Assert.Equal(0, oracle.LateLossPercent);
    }

    [Fact]
    public void Oracle_gives_up_a_rare_huge_outlier_rather_than_wait_for_it()
    {
        var delays = Enumerable.Repeat(30.0, 999).Append(900).ToArray();
        var oracle = PlayoutScorer.ScoreOracle(Trace(delays), CodecImpairment.G711WithPlc);
        Assert.Equal(30, oracle.MeanDelayMs, 6);
        Assert.Equal(0.1, oracle.LateLossPercent, 6);
        Assert.Equal(0.1, oracle.ConcealmentPercent, 6);
    }

    [Fact]
    public void Static_buffer_plays_each_packet_a_fixed_time_after_the_first_arrival()
    {
        // The first packet took 30 ms; a packet 100 ms late relative to it misses a 60 ms buffer.
        var trace = Trace(30, 30, 130, 30, double.NaN, 30);
        var score = PlayoutScorer.ScoreStatic(trace, CodecImpairment.G711WithPlc, 60);
        Assert.Equal(90, score.MeanDelayMs, 6);
        Assert.Equal(100.0 / 6, score.LateLossPercent, 6);
        Assert.Equal(200.0 / 6, score.ConcealmentPercent, 6);
    }

    [Fact]
    public void Our_buffer_on_a_clean_path_plays_everything_close_to_the_oracle()
    {
        var trace = Trace(Enumerable.Repeat(25.0, 500).ToArray());
        var ours = PlayoutScorer.ScoreJitterBuffer(trace, CodecImpairment.G711WithPlc);
        var oracle = PlayoutScorer.ScoreOracle(trace, CodecImpairment.G711WithPlc);
        Assert.Equal(0, ours.LateLossPercent);
        Assert.Equal(0, ours.ConcealmentPercent);
        Assert.InRange(ours.MeanDelayMs, 25, 25 + 45);
        Assert.True(oracle.Rating.Mos - ours.Rating.Mos < 0.05);
    }

    [Fact]
    public void Burstiness_is_one_for_alternation_and_grows_with_runs()
    {
        Assert.Equal(1, PlayoutScorer.Burstiness([false, true, false, true, false, true]), 6);
        var bursty = Enumerable.Repeat(false, 50).Concat(Enumerable.Repeat(true, 10)).Concat(Enumerable.Repeat(false, 50)).ToList();
        Assert.True(PlayoutScorer.Burstiness(bursty) > 5);
        Assert.Equal(1, PlayoutScorer.Burstiness([]), 6);
    }

    [Fact]
    public void Empty_trace_is_rejected()
    {
        var empty = new PacketTrace(8000, 20, []);
        Assert.Throws<ArgumentException>(() => PlayoutScorer.ScoreOracle(empty, CodecImpairment.G711WithPlc));
        Assert.Throws<ArgumentException>(() => new PacketTrace(8000, 20, [new TracePacket(2, 0, 0, 1), new TracePacket(1, 160, 20, 21)]));
    }
}
