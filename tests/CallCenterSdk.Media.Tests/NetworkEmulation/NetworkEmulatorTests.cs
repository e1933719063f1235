using CallCenterSdk.Media.NetworkEmulation;

namespace CallCenterSdk.Media.Tests.NetworkEmulation;

public class NetworkEmulatorTests
{
    [Fact]
    public void Same_seed_gives_the_same_trace_and_another_seed_a_different_one()
    {
        var a = NetworkEmulator.Run(NetworkScenarios.Wifi, 11);
        var b = NetworkEmulator.Run(NetworkScenarios.Wifi, 11);
        var c = NetworkEmulator.Run(NetworkScenarios.Wifi, 12);
        Assert.Equal(a.Packets, b.Packets);
        Assert.NotEqual(a.Packets, c.Packets);
        Assert.Equal(3000, a.Packets.Count);
    }

    [Fact]
    public void Gilbert_elliott_channel_loses_the_configured_share_in_bursts()
    {
        var scenario = new NetworkScenario { Name = "ge", DurationSeconds = 2000, Loss = GilbertElliottLoss.FromMeanLoss(0.05, 3) };
        var trace = NetworkEmulator.Run(scenario, 1);
        Assert.InRange(trace.NetworkLossRatio, 0.045, 0.055);
        Assert.Equal(0.05, scenario.Loss!.MeanLossRatio, 6);

        // Mean run of consecutive losses is the bad state's mean dwell: 3 packets.
        var runs = new List<int>();
        int run = 0;
        foreach (var p in trace.Packets)
        {
            if (p.IsLost)
            {
                run++;
            }
            else if (run > 0)
            {
                runs.Add(run);
                run = 0;
            }
        }

        Assert.InRange(runs.Average(), 2.6, 3.4);
    }

    [Fact]
    public void Random_loss_is_independent_with_the_configured_rate()
    {
        var trace = NetworkEmulator.Run(new NetworkScenario { Name = "r", DurationSeconds = 2000, Loss = new RandomLoss(0.01) }, 2);
        Assert.InRange(trace.NetworkLossRatio, 0.008, 0.012);
    }

    [Fact]
    public void Gaussian_jitter_adds_a_half_normal_delay_on_the_base()
    {
        var trace = NetworkEmulator.Run(new NetworkScenario { Name = "g", DurationSeconds = 600, BaseDelayMs = 10, Jitter = new GaussianJitter(30) }, 3);
        var extra = trace.Packets.Select(p => p.NetworkDelayMs - 10).ToList();
        Assert.All(extra, e => Assert.True(e >= 0));

        // Mean of |N(0, s)| is s * sqrt(2 / pi).
        Assert.InRange(extra.Average(), 30 * Math.Sqrt(2 / Math.PI) * 0.95, 30 * Math.Sqrt(2 / Math.PI) * 1.05);
    }

    [Fact]
    public void Pareto_jitter_is_non_negative_and_heavy_tailed()
    {
        var random = new Random(4);
        var model = new ParetoJitter(10, 2);
        var samples = Enumerable.Range(0, 50000).Select(_ => model.SampleMs(random)).ToList();
        Assert.All(samples, s => Assert.True(s >= 0));

        // Lomax mean is scale / (shape - 1) = 10 ms; the tail reaches far beyond a Gaussian's.
        Assert.InRange(samples.Average(), 8.5, 11.5);
        Assert.True(samples.Max() > 200);
    }

    [Fact]
    public void Reordered_packets_are_overtaken_by_at_most_depth_later_packets()
    {
        var trace = NetworkEmulator.Run(new NetworkScenario { Name = "o", DurationSeconds = 120, ReorderProbability = 0.1, ReorderDepth = 3 }, 5);
        var byArrival = trace.Packets.OrderBy(p => p.ArrivalTimeMs).Select(p => p.Sequence).ToList();
        int maxOvertaken = 0, reordered = 0;
        for (int i = 0; i < byArrival.Count; i++)
        {
            int overtaken = byArrival.Take(i).Count(s => s > byArrival[i]);
            maxOvertaken = Math.Max(maxOvertaken, overtaken);
            reordered += overtaken > 0 ? 1 : 0;
        }

        Assert.Equal(3, maxOvertaken);
        Assert.InRange(reordered, 400, 800);
    }

    [Fact]
    public void Hand_over_stalls_then_releases_the_queue_at_once()
    {
        var trace = NetworkEmulator.Run(NetworkScenarios.MobileHandover with { Jitter = null }, 6);
        var stalled = trace.Packets.Where(p => p.SendTimeMs is >= 10000 and < 10200).ToList();
        Assert.Equal(10, stalled.Count);
        Assert.All(stalled, p => Assert.Equal(10000 + 200 + 60, p.ArrivalTimeMs, 6));
        Assert.Equal(60, trace.Packets.First(p => p.SendTimeMs == 9980).NetworkDelayMs, 6);
        Assert.Equal(60, trace.Packets.First(p => p.SendTimeMs == 10200).NetworkDelayMs, 6);
    }

    [Fact]
    public void Route_change_steps_the_base_delay_once()
    {
        var trace = NetworkEmulator.Run(NetworkScenarios.RouteChange with { Jitter = null }, 7);
        Assert.All(trace.Packets.Where(p => p.SendTimeMs < 30000), p => Assert.Equal(30, p.NetworkDelayMs, 6));
        Assert.All(trace.Packets.Where(p => p.SendTimeMs >= 30000), p => Assert.Equal(110, p.NetworkDelayMs, 6));
    }

    [Fact]
    public void Fast_sender_clock_sends_200_ppm_more_often_with_nominal_timestamps()
    {
        var trace = NetworkEmulator.Run(NetworkScenarios.DriftFast, 8);
        var first = trace.Packets[0];
        var last = trace.Packets[^1];
        double mediaMs = (last.Timestamp - first.Timestamp) / 8.0;
        double realMs = last.SendTimeMs - first.SendTimeMs;
        Assert.Equal(200e-6, (mediaMs / realMs) - 1, 8);
        Assert.Equal(160, trace.Packets[1].Timestamp - trace.Packets[0].Timestamp);
    }

    [Fact]
    public void Dtx_sends_comfort_noise_every_400_ms_of_silence_and_marks_each_talk_spurt()
    {
        var trace = NetworkEmulator.Run(NetworkScenarios.DtxSpeech, 9);
        var cn = trace.Packets.Where(p => p.IsComfortNoise).ToList();
        Assert.NotEmpty(cn);
        double speechShare = trace.Packets.Count(p => !p.IsComfortNoise) / 3000.0;
        Assert.InRange(speechShare, 0.45, 0.75);
        for (int i = 1; i < trace.Packets.Count; i++)
        {
            var p = trace.Packets[i];
            var previous = trace.Packets[i - 1];
            Assert.Equal(previous.Sequence + 1, p.Sequence);
            if (!p.IsComfortNoise && previous.IsComfortNoise)
            {
                Assert.True(p.Marker, $"talk spurt at {p.SendTimeMs} ms has no marker");
            }

            if (p.IsComfortNoise && previous.IsComfortNoise)
            {
                Assert.True(p.SendTimeMs - previous.SendTimeMs >= 400);
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(70)]
    public void Packet_time_outside_10_to_60_ms_is_rejected(int packetMs)
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkEmulator.Run(new NetworkScenario { Name = "x", PacketTimeMs = packetMs }, 1));
        Assert.Contains("10..60", e.Message, StringComparison.Ordinal);
    }
}
