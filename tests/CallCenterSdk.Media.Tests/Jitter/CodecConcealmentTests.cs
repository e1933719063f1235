using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Jitter;

namespace CallCenterSdk.Media.Tests.Jitter;

public class CodecConcealmentTests
{
    [Fact]
    public void Codec_with_its_own_concealment_conceals_a_loss_itself()
    {
        using var decoder = new ConcealingDecoder(fec: false);
        using var buffer = new JitterBuffer(decoder, new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        Play(buffer, lost: 10);
        Assert.True(decoder.ConcealCalls > 0);
        Assert.Equal(0, decoder.RedundantCalls);
        Assert.Equal(160, buffer.Statistics.ConcealedSamples);
    }

    [Fact]
    public void Codec_with_in_band_fec_rebuilds_a_lost_packet_from_the_next_one()
    {
        using var decoder = new ConcealingDecoder(fec: true);
        using var buffer = new JitterBuffer(decoder, new JitterBufferOptions { Mode = JitterBufferMode.Fixed, FixedDelayMs = 40 });
        var frames = Play(buffer, lost: 10);
        Assert.Equal(1, decoder.RedundantCalls);
        Assert.Equal(0, buffer.Statistics.ConcealedSamples);
        Assert.DoesNotContain(frames.Take(20), f => f.Kind == JitterFrameKind.Concealed);
    }

    private static List<JitterFrame> Play(JitterBuffer buffer, int lost)
    {
        var frames = new List<JitterFrame>();
        var pcm = new short[160];
        var payload = new byte[] { 1, 2, 3 };
        for (int i = 0; i < 25; i++)
        {
            if (i != lost)
            {
                buffer.Insert((ushort)i, (uint)(i * 160), i == 0, 7, payload, TimeSpan.FromMilliseconds((i * 20) + 1));
            }

            frames.Add(buffer.GetFrame(TimeSpan.FromMilliseconds((i * 20) + 20), pcm));
        }

        return frames;
    }

    /// <summary>A codec double with its own concealment (and optionally FEC), as Opus has; 160 samples per packet.</summary>
    private sealed class ConcealingDecoder(bool fec) : IAudioDecoder
    {
        public int ConcealCalls { get; private set; }

        public int RedundantCalls { get; private set; }

        public AudioCodecInfo Codec { get; } = new("test", 8000, 1, 8000, null);

        public bool HasPacketLossConcealment => true;

        public bool HasForwardErrorCorrection => fec;

        public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
        {
            pcm[..160].Fill(1000);
            return 160;
        }

        public int Conceal(Span<short> pcm)
        {
            ConcealCalls++;
            pcm.Fill(500);
            return pcm.Length;
        }

        public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm)
        {
            RedundantCalls++;
            pcm.Fill(900);
            return pcm.Length;
        }

        public void Dispose()
        {
        }
    }
}
