using CallCenterSdk.Media.Jitter;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.Jitter;

public class JitterBufferProperties
{
    [Property(MaxTest = 60)]
    public bool Any_arrival_order_plays_each_packet_at_most_once_and_in_order(int seed)
    {
        var random = new Random(seed);
        int count = random.Next(5, 80);
        using var run = new PlayoutRun(random.Next(2) == 0 ? null : new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = random.Next(0, 120) });
        var stream = new PacketStream(firstSequence: (ushort)random.Next(65536), firstTimestamp: (uint)random.Next());
        for (int i = 0; i < count; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                continue;
            }

            // Any delay 0..300 ms gives any arrival order; some packets arrive twice.
            run.Schedule(stream, i, (i * 20) + (random.NextDouble() * 300), marker: i == 0);
            if (random.NextDouble() < 0.1)
            {
                run.Schedule(stream, i, (i * 20) + (random.NextDouble() * 300));
            }
        }

        run.Run((count * 20) + 1500);
        var played = run.Frames.Select((f, i) => (f, i)).Where(x => x.f.Timestamp >= 0).ToList();
        for (int k = 1; k < played.Count; k++)
        {
            // Media never goes backwards: what a frame consumed is never played again.
            if (played[k].f.Timestamp < played[k - 1].f.Timestamp + played[k - 1].f.Consumed)
            {
                return false;
            }
        }

        foreach (var (frame, index) in played)
        {
            // A frame of decoded audio carries exactly the media it claims (unless cross-faded).
            bool clean = frame.Kind == JitterFrameKind.Normal && index > 0 && run.Frames[index - 1].Kind == JitterFrameKind.Normal;
            if (clean && run.Audio[index][frame.Samples - 1] != PacketStream.Ramp(frame.Timestamp + frame.Samples - 1))
            {
                return false;
            }
        }

        var stats = run.Buffer.Statistics;
        return stats.Accepted + stats.Duplicates + run.Outcomes.Count(o => o == InsertOutcome.Late) == run.Outcomes.Count;
    }

    [Property(MaxTest = 40)]
    public bool Output_frame_count_equals_elapsed_time_over_frame_length(int seed)
    {
        var random = new Random(seed);
        int frameMs = new[] { 10, 20, 30, 40 }[random.Next(4)];
        using var buffer = new JitterBuffer(PacketStream.Decoder(), new JitterBufferOptions { FrameMilliseconds = frameMs });
        var stream = new PacketStream(packetMs: new[] { 10, 20, 30, 60 }[random.Next(4)], tone: random.Next(2) == 0);
        int elapsedMs = random.Next(1, 400) * frameMs;
        var pcm = new short[buffer.FrameSamples];
        int frames = 0;
        long samples = 0;
        int next = 0;
        for (int t = 0; t < elapsedMs; t += frameMs)
        {
            while ((next * stream.PacketMs) + 40 <= t + (random.NextDouble() * 80))
            {
                if (random.NextDouble() > 0.05)
                {
                    buffer.Insert(stream.Sequence(next), stream.Timestamp(next), next == 0, stream.Ssrc, stream.Payload(next), TimeSpan.FromMilliseconds(t));
                }

                next++;
            }

            var frame = buffer.GetFrame(TimeSpan.FromMilliseconds(t), pcm);
            if (frame.Consumed < 0 || frame.ConcealedSamples > frame.Samples)
            {
                return false;
            }

            samples += frame.Samples;
            frames++;
        }

        return frames == elapsedMs / frameMs && samples == (long)frames * buffer.FrameSamples;
    }
}
