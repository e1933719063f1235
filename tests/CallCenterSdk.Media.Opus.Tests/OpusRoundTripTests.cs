using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Tests.Codecs;
using Xunit.Abstractions;

namespace CallCenterSdk.Media.Opus.Tests;

/// <summary>Opus through the system libopus: round trip quality, concealment, FEC, DTX and errors.</summary>
public class OpusRoundTripTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(48000, 32000, 5, 30)]
    [InlineData(48000, 64000, 10, 38)]
    [InlineData(16000, 24000, 5, 30)]
    public void Round_trip_of_a_tone_keeps_the_measured_snr(int rate, int bitrate, int complexity, double minimumSnr)
    {
        var pcm = TestSignals.Sine(440, rate, rate * 2, 10000);
        using var encoder = new OpusEncoder(new() { SampleRate = rate, Bitrate = bitrate, Complexity = complexity, Application = OpusApplication.Audio });
        using var decoder = new OpusDecoder(rate);
        var decoded = RoundTrip(encoder, decoder, pcm, lost: _ => false);
        // The decoded stream lags by the encoder's lookahead.
        var (snr, delay) = TestSignals.AlignedSnrDb(pcm.AsSpan(rate / 2), decoded.AsSpan(rate / 2), encoder.Lookahead + 20);
        output.WriteLine($"{rate} Hz, {bitrate} bit/s, complexity {complexity}: SNR {snr:F1} dB, delay {delay} samples (lookahead {encoder.Lookahead})");
        Assert.InRange(delay, encoder.Lookahead - 20, encoder.Lookahead + 20);
        Assert.True(snr >= minimumSnr, $"SNR {snr:F1} dB at {bitrate} bit/s, complexity {complexity}");
    }

    [Fact]
    public void Packet_size_follows_the_bitrate()
    {
        var pcm = TestSignals.SpeechLike(48000, 48000 * 2, 5);
        long low = TotalBytes(new() { Bitrate = 12000, Vbr = false }, pcm);
        long high = TotalBytes(new() { Bitrate = 64000, Vbr = false }, pcm);
        // 2 s at 12 kbit/s is 3000 bytes, at 64 kbit/s 16000 bytes (CBR).
        Assert.InRange(low, 2700, 3300);
        Assert.InRange(high, 15000, 17000);
    }

    [Fact]
    public void Lost_packets_are_concealed_with_a_continuation_not_silence()
    {
        const int rate = 48000;
        var pcm = TestSignals.Sine(300, rate, rate * 2, 8000);
        using var encoder = new OpusEncoder(new() { SampleRate = rate });
        using var decoder = new OpusDecoder(rate);
        Assert.True(decoder.HasPacketLossConcealment);
        var decoded = RoundTrip(encoder, decoder, pcm, lost: i => i % 10 == 5);
        int frame = rate / 50;
        for (int i = 5; i < 100; i += 10)
        {
            double rms = TestSignals.Rms(decoded.AsSpan(i * frame, frame));
            // A 8000-peak sine has an RMS of 5657; concealment must keep it going (within 10 dB), not drop it.
            Assert.True(rms > 5657 / 3.2, $"concealed frame {i} has RMS {rms:F0}");
        }
    }

    [Theory]
    [InlineData(8000, 77)]
    [InlineData(16000, 333)]
    [InlineData(48000, 959)]
    public void Concealing_a_length_that_is_not_whole_2_5_ms_fills_it_with_a_continuation(int rate, int samples)
    {
        // A jitter buffer may ask for the rest of a frame after time-scaling; libopus itself refuses such lengths.
        var pcm = TestSignals.Sine(300, rate, rate, 8000);
        using var encoder = new OpusEncoder(new() { SampleRate = rate });
        using var decoder = new OpusDecoder(rate);
        int frame = rate / 50;
        var packet = new byte[1500];
        var output = new short[frame];
        for (int i = 0; i < 20; i++)
        {
            int length = encoder.Encode(pcm.AsSpan(i * frame, frame), packet);
            decoder.Decode(packet.AsSpan(0, length), output);
        }

        var concealed = new short[samples];
        Assert.Equal(samples, decoder.Conceal(concealed));
        double rms = TestSignals.Rms(concealed);
        Assert.True(rms > 5657 / 3.2, $"concealed {samples} samples with RMS {rms:F0}");
        Assert.Equal(frame, decoder.Conceal(new short[frame]));
    }

    [Fact]
    public void Fec_rebuilds_a_lost_packet_better_than_concealment()
    {
        const int rate = 16000;
        var pcm = TestSignals.SpeechLike(rate, rate * 4, 9);
        var options = new OpusEncoderOptions { SampleRate = rate, Bitrate = 24000, InbandFec = true, PacketLossPercent = 20 };
        int frame = rate / 50;
        var packets = EncodeAll(options, pcm, frame);
        Assert.True(packets.Skip(5).Count(p => OpusPacket.HasRedundancy(p)) > packets.Count / 2, "most packets should carry LBRR");

        double fecError = 0, plcError = 0;
        int recovered = 0;
        using var lookahead = new OpusEncoder(options);
        int delay = lookahead.Lookahead;
        for (int lost = 20; lost < packets.Count - 1; lost += 7)
        {
            if (!OpusPacket.HasRedundancy(packets[lost + 1]))
            {
                continue; // a pause in the speech-like signal: nothing was worth protecting
            }

            using var withFec = new OpusDecoder(rate);
            using var withPlc = new OpusDecoder(rate);
            var scratch = new short[frame];
            for (int i = 0; i < lost; i++)
            {
                withFec.Decode(packets[i], scratch);
                withPlc.Decode(packets[i], scratch);
            }

            var fec = new short[frame];
            var plc = new short[frame];
            int n = withFec.DecodeRedundant(packets[lost + 1], fec);
            Assert.Equal(frame, n);
            recovered++;
            Assert.Equal(frame, withPlc.Conceal(plc));
            var original = pcm.AsSpan((lost * frame) - delay, frame);
            fecError += Error(original, fec);
            plcError += Error(original, plc);
        }

        output.WriteLine($"{recovered} lost packets: FEC error energy {fecError:E2}, PLC {plcError:E2} ({10 * Math.Log10(plcError / fecError):F1} dB better with FEC)");
        Assert.True(recovered >= 10);
        Assert.True(fecError < plcError * 0.7, $"FEC error {fecError:E2} should be well under PLC error {plcError:E2}");
    }

    [Fact]
    public void Without_fec_the_next_packet_has_no_redundancy_and_DecodeRedundant_returns_0()
    {
        var pcm = TestSignals.SpeechLike(16000, 16000, 3);
        var packets = EncodeAll(new() { SampleRate = 16000, Bitrate = 24000, InbandFec = false }, pcm, 320);
        using var decoder = new OpusDecoder(16000);
        Assert.All(packets, p => Assert.False(OpusPacket.HasRedundancy(p)));
        Assert.Equal(0, decoder.DecodeRedundant(packets[10], new short[320]));
    }

    [Fact]
    public void Dtx_turns_silence_into_tiny_packets()
    {
        var silence = new short[48000 * 2];
        var packets = EncodeAll(new() { Dtx = true }, silence, 960);
        Assert.True(packets.Skip(20).Count(p => p.Length <= 2) > 50, "lengths: " + string.Join(",", packets.Select(p => p.Length)));
    }

    [Fact]
    public void Illegal_frame_sizes_and_corrupt_packets_get_specific_errors()
    {
        using var encoder = new OpusEncoder();
        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(new short[1000], new byte[4000]));
        Assert.Contains("1000 samples", error.Message, StringComparison.Ordinal);
        using var decoder = new OpusDecoder();
        // TOC code 3 with a frame count of 0 is invalid (RFC 6716 §3.2.5).
        var corrupt = Assert.Throws<OpusException>(() => decoder.Decode([0xFB, 0x00], new short[960]));
        Assert.Equal(-4, corrupt.ErrorCode);
        Assert.Contains("corrupted", corrupt.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => decoder.Decode([], new short[960]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoder(new() { Complexity = 11 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpusDecoder(44100));
    }

    [Fact]
    public void Registry_creates_opus_under_its_sdp_name()
    {
        var registry = AudioCodecRegistry.CreateDefault().AddOpus(new() { SampleRate = 16000 });
        using var encoder = registry.CreateEncoder("OPUS", 48000, 2);
        using var decoder = registry.CreateDecoder("opus", 48000, 2);
        Assert.Equal(16000, encoder.Codec.SampleRate);
        Assert.Equal(1.0 * 48000 / 16000, decoder.Codec.TimestampUnitsPerSample);
        Assert.StartsWith("libopus", OpusLibrary.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_and_decoding_allocate_nothing_per_frame()
    {
        using var encoder = new OpusEncoder();
        using var decoder = new OpusDecoder();
        var pcm = TestSignals.Sine(1000, 48000, 960, 9000);
        var payload = new byte[1500];
        var output = new short[960];
        int n = encoder.Encode(pcm, payload);
        decoder.Decode(payload.AsSpan(0, n), output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            n = encoder.Encode(pcm, payload);
            decoder.Decode(payload.AsSpan(0, n), output);
            decoder.Conceal(output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double Error(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double e = a[i] - b[i];
            sum += e * e;
        }

        return sum;
    }

    private static List<byte[]> EncodeAll(OpusEncoderOptions options, short[] pcm, int frame)
    {
        using var encoder = new OpusEncoder(options);
        var packets = new List<byte[]>();
        var buffer = new byte[4000];
        for (int offset = 0; offset + frame <= pcm.Length; offset += frame)
        {
            int n = encoder.Encode(pcm.AsSpan(offset, frame), buffer);
            packets.Add(buffer[..n]);
        }

        return packets;
    }

    private static long TotalBytes(OpusEncoderOptions options, short[] pcm) =>
        EncodeAll(options, pcm, options.SampleRate / 50).Sum(p => (long)p.Length);

    private static short[] RoundTrip(OpusEncoder encoder, OpusDecoder decoder, short[] pcm, Func<int, bool> lost)
    {
        int frame = encoder.Options.SampleRate / 50;
        var output = new short[pcm.Length];
        var payload = new byte[4000];
        for (int i = 0; (i + 1) * frame <= pcm.Length; i++)
        {
            int n = encoder.Encode(pcm.AsSpan(i * frame, frame), payload);
            var destination = output.AsSpan(i * frame, frame);
            int samples = lost(i) ? decoder.Conceal(destination) : decoder.Decode(payload.AsSpan(0, n), destination);
            Assert.Equal(frame, samples);
        }

        return output;
    }
}
