using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Jitter;

namespace CallCenterSdk.Media.Tests.Jitter;

public class JitterBufferTests
{
    [Fact]
    public void Steady_stream_plays_the_sent_audio_in_normal_frames()
    {
        using var run = new PlayoutRun();
        var stream = new PacketStream();
        for (int i = 0; i < 100; i++)
        {
            run.Schedule(stream, i, (i * 20) + 5, marker: i == 0);
        }

        run.Run(2200);
        var played = run.Frames.Select((f, i) => (f, i)).Where(x => x.f.Kind != JitterFrameKind.ComfortNoise).ToList();
        Assert.True(played.Count >= 95, $"only {played.Count} frames played");
        Assert.DoesNotContain(run.Frames.Take(95), f => f.Kind == JitterFrameKind.Concealed);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        foreach (var (frame, index) in played.Skip(1).Where(x => x.f.Kind == JitterFrameKind.Normal))
        {
            // Each sample carries its media position: the frame plays exactly the media it claims.
            for (int s = 0; s < frame.Samples; s++)
            {
                Assert.Equal(PacketStream.Ramp(frame.Timestamp + s), run.Audio[index][s]);
            }
        }
    }

    [Fact]
    public void Payloads_stored_when_a_larger_packet_arrives_play_intact()
    {
        // 10 ms L16 packets (160 bytes) fit the slab's first stride; a 40 ms packet (640 bytes) makes it grow while
        // earlier packets still wait in the buffer, and those must be moved, not lost or mixed up.
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 60 });
        var small = new PacketStream(packetMs: 10);
        var large = new PacketStream(packetMs: 40, firstSequence: 1006, firstTimestamp: 6 * 80);
        for (int i = 0; i < 6; i++)
        {
            run.Schedule(small, i, (i * 10) + 2, marker: i == 0);
        }

        for (int i = 0; i < 12; i++)
        {
            run.Schedule(large, i, 62 + (i * 40));
        }

        run.Run(50);
        Assert.True(run.Buffer.BufferedPackets >= 2, $"{run.Buffer.BufferedPackets} packets stored before the large one");
        run.Run(700);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        var normal = run.Frames.Select((f, i) => (f, i)).Where(x => x.f.Kind == JitterFrameKind.Normal && x.f.Timestamp >= 0).ToList();
        Assert.True(normal.Count >= 20, $"only {normal.Count} normal frames");
        Assert.Contains(normal, x => x.f.Timestamp < 6 * 80);
        foreach (var (frame, index) in normal)
        {
            for (int s = 0; s < frame.Samples; s++)
            {
                Assert.Equal(PacketStream.Ramp(frame.Timestamp + s), run.Audio[index][s]);
            }
        }
    }

    [Fact]
    public void Reordered_packets_play_in_sequence_order_without_concealment()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 60 });
        var stream = new PacketStream();
        for (int i = 0; i < 60; i++)
        {
            // Every odd packet overtakes the even one before it.
            double arrival = (i * 20) + (i % 2 == 0 ? 35 : 5);
            run.Schedule(stream, i, arrival, marker: i == 0);
        }

        run.Run(1300);
        var speech = run.Frames.Where(f => f.Timestamp >= 0 && f.Kind != JitterFrameKind.ComfortNoise).ToList();
        Assert.DoesNotContain(speech.Take(speech.Count - 3), f => f.Kind == JitterFrameKind.Concealed);
        for (int i = 1; i < speech.Count; i++)
        {
            Assert.True(speech[i].Timestamp >= speech[i - 1].Timestamp + speech[i - 1].Consumed, $"frame {i} replays media");
        }

        Assert.Equal(0, run.Buffer.Statistics.Late);
    }

    [Fact]
    public void Duplicate_packet_is_dropped_and_counted()
    {
        using var buffer = new JitterBuffer(PacketStream.Decoder());
        var stream = new PacketStream();
        Assert.Equal(InsertOutcome.Accepted, buffer.Insert(stream.Sequence(0), stream.Timestamp(0), true, stream.Ssrc, stream.Payload(0), TimeSpan.Zero));
        Assert.Equal(InsertOutcome.Duplicate, buffer.Insert(stream.Sequence(0), stream.Timestamp(0), true, stream.Ssrc, stream.Payload(0), TimeSpan.FromMilliseconds(3)));
        Assert.Equal(1, buffer.Statistics.Duplicates);
        Assert.Equal(1, buffer.BufferedPackets);
    }

    [Fact]
    public void Packet_arriving_after_its_playout_time_is_late_and_its_slot_concealed()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var stream = new PacketStream();
        for (int i = 0; i < 50; i++)
        {
            run.Schedule(stream, i, i == 20 ? 900 : (i * 20) + 2, marker: i == 0);
        }

        run.Run(1100);
        Assert.Contains(InsertOutcome.Late, run.Outcomes);
        Assert.Equal(1, run.Buffer.Statistics.Late);
        var concealed = run.Frames.Where(f => f.Kind == JitterFrameKind.Concealed && f.Timestamp >= 0).ToList();
        Assert.Contains(concealed, f => f.ConcealedSamples == 160 && f.Timestamp + run.Buffer.FrameSamples > stream.ExtendedTimestamp(20));
        Assert.Equal(160, run.Buffer.Statistics.ConcealedSamples);
    }

    [Theory]
    [InlineData((ushort)65500, 0u)]
    [InlineData((ushort)10, uint.MaxValue - 1000)]
    [InlineData((ushort)65530, uint.MaxValue - 320)]
    public void Sequence_and_timestamp_wrap_play_through_without_loss(ushort firstSequence, uint firstTimestamp)
    {
        using var run = new PlayoutRun();
        var stream = new PacketStream(firstSequence: firstSequence, firstTimestamp: firstTimestamp);
        for (int i = 0; i < 80; i++)
        {
            run.Schedule(stream, i, (i * 20) + 3, marker: i == 0);
        }

        run.Run(1700);
        var speech = run.Frames.Where(f => f.Timestamp >= 0).ToList();
        Assert.True(speech.Count >= 78);
        Assert.Equal(0, run.Buffer.Statistics.Late);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        for (int i = 1; i < speech.Count; i++)
        {
            Assert.True(speech[i].Timestamp >= speech[i - 1].Timestamp, "extended timestamps must keep increasing across the wrap");
        }

        Assert.True(speech[^1].Timestamp > uint.MaxValue || firstTimestamp == 0);
    }

    [Fact]
    public void Timestamp_jump_with_marker_starts_a_new_talk_spurt_at_its_own_playout_time()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var first = new PacketStream();

        // Spurt 1: packets 0..19. Silence of one second (sender sends nothing), then spurt 2 with a marker:
        // sequence numbers continue, timestamps jump by 8000 + 20 ms.
        var second = new PacketStream(firstSequence: (ushort)(1000 + 20), firstTimestamp: (uint)(20 * 160) + 8000);
        for (int i = 0; i < 20; i++)
        {
            run.Schedule(first, i, (i * 20) + 2, marker: i == 0);
            run.Schedule(second, i, 1400 + (i * 20) + 2, marker: i == 0);
        }

        run.Run(2200);
        Assert.Equal(0, run.Buffer.Statistics.Late);
        var spurt2 = run.Frames.Where(f => f.Timestamp >= second.ExtendedTimestamp(0) - 40).ToList();
        Assert.True(spurt2.Count >= 19, $"spurt 2 played {spurt2.Count} frames");
        Assert.All(spurt2.Take(18), f => Assert.Equal(JitterFrameKind.Normal, f.Kind));
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
    }

    [Fact]
    public void Ssrc_change_flushes_the_old_stream_and_plays_the_new_one()
    {
        using var run = new PlayoutRun();
        var a = new PacketStream(ssrc: 1);
        var b = new PacketStream(firstSequence: 40000, firstTimestamp: 123456789, ssrc: 2);
        for (int i = 0; i < 30; i++)
        {
            run.Schedule(a, i, (i * 20) + 2, marker: i == 0);
            run.Schedule(b, i, 800 + (i * 20) + 2, marker: i == 0);
        }

        run.Run(1600);
        Assert.Contains(InsertOutcome.AcceptedNewSource, run.Outcomes);
        Assert.Equal(1, run.Buffer.Statistics.SourceChanges);
        var last = run.Frames.Select((f, i) => (f, i)).Where(x => x.f.Kind == JitterFrameKind.Normal).Last();
        Assert.InRange(last.f.Timestamp, b.ExtendedTimestamp(0) - 200, b.ExtendedTimestamp(30));
        Assert.Equal(PacketStream.Ramp(last.f.Timestamp + 5), run.Audio[last.i][5]);
    }

    [Fact]
    public void Comfort_noise_packet_switches_to_comfort_noise_at_its_level_then_speech_resumes()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var speech = new PacketStream();
        var cn = new PacketStream(firstSequence: 1000 + 10, firstTimestamp: 10 * 160);
        var resumed = new PacketStream(firstSequence: 1000 + 11, firstTimestamp: 50 * 160);
        for (int i = 0; i < 10; i++)
        {
            run.Schedule(speech, i, (i * 20) + 2, marker: i == 0);
            run.Schedule(resumed, i, (50 * 20) + (i * 20) + 2, marker: i == 0);
        }

        run.Schedule(cn, 0, 202, comfortNoise: true);
        run.Run(1400);

        var noise = run.Frames.Select((f, i) => (f, i)).Where(x => x.f.Kind == JitterFrameKind.ComfortNoise && x.i > 15 && x.i < 45).ToList();
        Assert.True(noise.Count >= 25, $"{noise.Count} comfort-noise frames");

        // RFC 3389 level 40 -dBov: RMS 32767 * 10^-2 = 328.
        double rms = Math.Sqrt(noise.SelectMany(x => run.Audio[x.i]).Average(s => (double)s * s));
        Assert.InRange(rms, 250, 410);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        Assert.True(run.Frames.Skip(50).Count(f => f.Kind == JitterFrameKind.Normal) >= 9);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(60)]
    public void Packet_times_from_10_to_60_ms_come_out_as_20_ms_frames_of_the_sent_audio(int packetMs)
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 80 });
        var stream = new PacketStream(packetMs);
        int packets = 1200 / packetMs;
        for (int i = 0; i < packets; i++)
        {
            run.Schedule(stream, i, (i * packetMs) + packetMs + 1, marker: i == 0);
        }

        run.Run(1600);
        var speech = run.Frames.Where(f => f.Kind is JitterFrameKind.Normal or JitterFrameKind.Accelerated or JitterFrameKind.Expanded).ToList();
        Assert.InRange(speech.Sum(f => f.Consumed), 1200 * 8 - 320, 1200 * 8);
        var normal = run.Frames.Select((f, i) => (f, i)).Where(x => x.f.Kind == JitterFrameKind.Normal && x.i > 0 && run.Frames[x.i - 1].Kind == JitterFrameKind.Normal).ToList();
        Assert.True(normal.Count > 20);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        foreach (var (frame, index) in normal.Skip(1))
        {
            Assert.Equal(160, frame.Samples);
            Assert.Equal(PacketStream.Ramp(frame.Timestamp + 100), run.Audio[index][100]);
        }
    }

    [Fact]
    public void Packet_time_change_mid_stream_keeps_the_audio_continuous()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 80 });
        var twenty = new PacketStream(20);
        var sixty = new PacketStream(60, firstSequence: 1000 + 20, firstTimestamp: 20 * 160);
        for (int i = 0; i < 20; i++)
        {
            run.Schedule(twenty, i, (i * 20) + 21, marker: i == 0);
        }

        for (int i = 0; i < 10; i++)
        {
            run.Schedule(sixty, i, 400 + (i * 60) + 61);
        }

        run.Run(1300);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        var speech = run.Frames.Where(f => f.Timestamp >= 0).ToList();
        for (int i = 1; i < speech.Count; i++)
        {
            Assert.Equal(speech[i - 1].Timestamp + speech[i - 1].Consumed, speech[i].Timestamp);
        }
    }

    [Fact]
    public void Lost_packet_is_concealed_for_exactly_its_duration()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var stream = new PacketStream();
        for (int i = 0; i < 40; i++)
        {
            if (i != 15)
            {
                run.Schedule(stream, i, (i * 20) + 2, marker: i == 0);
            }
        }

        run.Run(900);
        Assert.Equal(160, run.Buffer.Statistics.ConcealedSamples);
        Assert.Equal(160, run.Frames.Sum(f => f.Kind == JitterFrameKind.Concealed && f.Timestamp < stream.ExtendedTimestamp(30) ? f.ConcealedSamples : 0));
        Assert.Equal(0, run.Buffer.Statistics.Late);
    }

    [Fact]
    public void Packet_later_than_its_frame_but_within_the_deadline_is_bridged_by_a_stretch_not_concealed()
    {
        // Fixed 40 ms: the deadline is the first the 20 ms frame clock can realize at or above 40 ms, and playout
        // runs a pitch period ahead of it. Packet 60 arrives 50 ms after the others' delay: too late for the frame
        // that would normally start it, not for the deadline.
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var stream = new PacketStream(tone: true);
        for (int i = 0; i < 120; i++)
        {
            run.Schedule(stream, i, (i * 20) + 2 + (i == 60 ? 50 : 0), marker: i == 0);
        }

        run.Run(1100);
        double ahead = run.Buffer.CurrentDelayMs(TimeSpan.FromMilliseconds(run.FrameTimes[^1]));
        run.Run(2600);

        Assert.True(ahead < 40 + 20, $"playout delay {ahead:0.0} ms is not ahead of the deadline");
        Assert.Equal(0, run.Buffer.Statistics.Late);
        Assert.Equal(0, run.Buffer.Statistics.ConcealedSamples);
        Assert.True(run.Buffer.Statistics.ExpandedFrames >= 1, "the late packet must be waited for by stretching the queued audio");
        Assert.Contains(run.Frames, f => f.Kind == JitterFrameKind.Expanded && f.Timestamp < stream.ExtendedTimestamp(60) && f.Timestamp + 160 > stream.ExtendedTimestamp(60) - 160);
    }

    [Fact]
    public void Empty_buffer_waits_so_a_delay_spike_becomes_delay_not_loss_then_accelerates_back()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var stream = new PacketStream(tone: true);
        for (int i = 0; i < 150; i++)
        {
            // A hand-over stalls the link for 150 ms from 400 ms on; the queue is released at once, in order.
            double arrival = Math.Max((i * 20) + 2, i >= 20 ? 550 + 2 + (i * 0.01) : 0);
            run.Schedule(stream, i, arrival, marker: i == 0);
        }

        run.Run(3200);
        Assert.Equal(0, run.Buffer.Statistics.Late);
        Assert.True(run.Count(JitterFrameKind.Concealed) >= 5, "the stall must be bridged by concealment");
        Assert.True(run.Buffer.Statistics.AcceleratedFrames > 0, "the extra delay must be removed by accelerate");
        double before = run.Buffer.TargetDelayMs;
        double after = run.Buffer.CurrentDelayMs(TimeSpan.FromMilliseconds(run.FrameTimes[^40]));
        Assert.True(after < before + 20 + 3.75 + 20, $"delay {after:0.0} ms did not come back near the target {before}");
    }

    [Fact]
    public void Rising_jitter_raises_the_adaptive_target_and_expands_inside_the_talk_spurt()
    {
        using var run = new PlayoutRun();
        var stream = new PacketStream(tone: true);
        var random = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            double jitter = i < 100 ? 0 : random.NextDouble() * 80;
            run.Schedule(stream, i, (i * 20) + 2 + jitter, marker: i == 0);
        }

        run.Run(1900);
        int calm = run.Buffer.TargetDelayMs;
        run.Run(6200);
        Assert.True(run.Buffer.TargetDelayMs > calm + 40, $"target {run.Buffer.TargetDelayMs} ms after jitter, {calm} ms before");
        Assert.True(run.Buffer.Statistics.ExpandedFrames > 0, "the delay should grow by expand, not by a gap");
    }

    [Fact]
    public void Late_packets_teach_the_estimator_so_they_stop_being_late()
    {
        using var run = new PlayoutRun();
        var stream = new PacketStream(tone: true);
        for (int i = 0; i < 500; i++)
        {
            // Every tenth packet is held 70 ms: late for a buffer that only saw the others.
            run.Schedule(stream, i, (i * 20) + 2 + (i % 10 == 5 ? 70 : 0), marker: i == 0);
        }

        run.Run(4000);
        long earlyLate = run.Buffer.Statistics.Late;
        run.Run(10500);
        Assert.True(run.Buffer.TargetDelayMs >= 70, $"target {run.Buffer.TargetDelayMs} ms");
        Assert.True(run.Buffer.Statistics.Late - earlyLate <= 1, $"{run.Buffer.Statistics.Late - earlyLate} late packets after learning");
    }

    [Fact]
    public void Fixed_mode_keeps_its_target_whatever_the_jitter()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 60 });
        var stream = new PacketStream();
        var random = new Random(5);
        for (int i = 0; i < 100; i++)
        {
            run.Schedule(stream, i, (i * 20) + (random.NextDouble() * 100), marker: i == 0);
        }

        run.Run(2200);
        Assert.Equal(60, run.Buffer.TargetDelayMs);
    }

    [Fact]
    public void Empty_or_oversized_payload_is_rejected()
    {
        using var buffer = new JitterBuffer(PacketStream.Decoder(), new JitterBufferOptions { MaxPayloadBytes = 400 });
        Assert.Equal(InsertOutcome.InvalidPayload, buffer.Insert(1, 0, false, 1, [], TimeSpan.Zero));
        Assert.Equal(InsertOutcome.InvalidPayload, buffer.Insert(1, 0, false, 1, new byte[401], TimeSpan.Zero));
        Assert.Equal(0, buffer.BufferedPackets);
    }

    [Fact]
    public void Payload_the_codec_rejects_is_counted_and_concealed()
    {
        using var run = new PlayoutRun(new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var stream = new PacketStream();
        for (int i = 0; i < 20; i++)
        {
            run.Schedule(stream, i, (i * 20) + 2, marker: i == 0);
        }

        run.Run(200);

        // L16 payloads must hold whole samples: an odd length is corrupt.
        run.Buffer.Insert(stream.Sequence(20), stream.Timestamp(20), false, stream.Ssrc, new byte[5], TimeSpan.FromMilliseconds(402));
        for (int i = 21; i < 30; i++)
        {
            run.Schedule(stream, i, (i * 20) + 2);
        }

        run.Run(700);
        Assert.Equal(1, run.Buffer.CorruptPayloads);
        Assert.True(run.Buffer.Statistics.ConcealedSamples >= 160);
    }

    [Fact]
    public void Sender_far_ahead_of_playout_drops_the_oldest_packets()
    {
        using var buffer = new JitterBuffer(PacketStream.Decoder(), new JitterBufferOptions { Capacity = 16 });
        var stream = new PacketStream();
        for (int i = 0; i < 40; i++)
        {
            buffer.Insert(stream.Sequence(i), stream.Timestamp(i), i == 0, stream.Ssrc, stream.Payload(i), TimeSpan.FromMilliseconds(i));
        }

        Assert.Equal(16, buffer.BufferedPackets);
        Assert.Equal(24, buffer.Statistics.Overflows);
    }

    [Fact]
    public void Invalid_options_and_short_frames_are_rejected_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => new JitterBuffer(PacketStream.Decoder(), new JitterBufferOptions { Capacity = 100 }));
        Assert.Contains("Capacity", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new JitterBuffer(PacketStream.Decoder(), new JitterBufferOptions { Quantile = 1.5 }));
        using var buffer = new JitterBuffer(PacketStream.Decoder());
        var short160 = Assert.Throws<ArgumentException>(() => buffer.GetFrame(TimeSpan.Zero, new short[100]));
        Assert.Contains("160", short160.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_before_any_packet_is_silence_tagged_comfort_noise()
    {
        using var buffer = new JitterBuffer(new MuLawDecoder());
        var pcm = new short[160];
        pcm.AsSpan().Fill(99);
        var frame = buffer.GetFrame(TimeSpan.FromSeconds(1), pcm);
        Assert.Equal(JitterFrameKind.ComfortNoise, frame.Kind);
        Assert.All(pcm, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Steady_state_insert_and_get_frame_do_not_allocate()
    {
        using var buffer = new JitterBuffer(PacketStream.Decoder());
        var stream = new PacketStream(tone: true);
        var payloads = Enumerable.Range(0, 50).Select(stream.Payload).ToArray();
        var pcm = new short[160];
        var random = new Random(1);
        var jitter = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() * 40).ToArray();

        void Play(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                buffer.Insert(stream.Sequence(i), stream.Timestamp(i), i == 0, stream.Ssrc, payloads[i % 50], TimeSpan.FromMilliseconds((i * 20) + jitter[i]));
                buffer.GetFrame(TimeSpan.FromMilliseconds((i * 20) + 30), pcm);
            }
        }

        Play(0, 500);
        var next = 500;
        Assert.Equal(0, Allocations.LeastAllocated(() => { Play(next, next + 500); next += 500; }, 1, rounds: 3)); // 500 frames a round
    }
}
