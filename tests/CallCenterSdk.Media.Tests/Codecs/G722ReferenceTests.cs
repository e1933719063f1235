using CallCenterSdk.Media.Codecs;
using Xunit.Abstractions;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>
/// G.722 against spandsp's reference (libspandsp.so.2, Debian's 0.0.6), frame by frame as RTP would carry it: the
/// encoder bit-exact on every input; the decoder bit-exact except where 0.0.6 wraps an overshoot past full scale,
/// which we saturate (counted exactly per input below).
/// </summary>
public class G722ReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Signals => ["speech-like", "white noise", "loud sweep", "silence then burst"];

    [Theory]
    [MemberData(nameof(Signals))]
    public void Encoder_output_is_bit_exact_with_spandsp(string signal)
    {
        var pcm = Make(signal);
        var reference = SpanDsp.Encode(pcm);
        var ours = EncodeInFrames(pcm);
        AssertSame(reference, ours);
    }

    [Theory]
    // Deterministic inputs, so the counts are exact: only samples whose true value overshoots full scale differ.
    [InlineData("speech-like", 52)] // its loudest pulses clip at full scale
    [InlineData("white noise", 0)] // peaks at -4 dBFS
    [InlineData("loud sweep", 1273)] // a 0 dBFS sine sweep: 4% of its samples
    [InlineData("silence then burst", 11)] // full-scale noise
    public void Decoder_output_is_bit_exact_with_spandsp_except_the_counted_overflow_wraps(string signal, int wraps)
    {
        var payload = SpanDsp.Encode(Make(signal));
        var reference = SpanDsp.Decode(payload);
        var ours = new short[payload.Length * 2];
        using var decoder = new G722Decoder();
        for (int offset = 0; offset < payload.Length; offset += 160)
        {
            int n = Math.Min(160, payload.Length - offset);
            Assert.Equal(n * 2, decoder.Decode(payload.AsSpan(offset, n), ours.AsSpan(offset * 2)));
        }

        int wrapped = AssertSameDecoded(reference, ours);
        output.WriteLine($"{signal}: {wrapped} of {ours.Length} samples wrapped by spandsp 0.0.6, saturated by us ({100.0 * wrapped / ours.Length:F2}%)");
        Assert.Equal(wraps, wrapped);
    }

    [Fact]
    public void Decoder_is_bit_exact_on_random_payload_bytes_except_the_counted_overflow_wraps()
    {
        var random = new Random(722);
        var payload = new byte[16000];
        random.NextBytes(payload);
        var reference = SpanDsp.Decode(payload);
        var ours = new short[payload.Length * 2];
        using var decoder = new G722Decoder();
        decoder.Decode(payload, ours);
        int wrapped = AssertSameDecoded(reference, ours);
        output.WriteLine($"random payload: {wrapped} of {ours.Length} samples wrapped by spandsp 0.0.6, saturated by us ({100.0 * wrapped / ours.Length:F2}%)");
        Assert.Equal(123, wrapped);
    }

    [Fact]
    public void Round_trip_of_a_wideband_tone_keeps_a_high_snr()
    {
        var pcm = TestSignals.Sine(5000, 16000, 16000, 8000);
        var payload = EncodeInFrames(pcm);
        var decoded = new short[pcm.Length];
        using var decoder = new G722Decoder();
        decoder.Decode(payload, decoded);
        // A 5 kHz tone only survives through the upper sub-band; the QMF pair delays by 22 samples.
        var (snr, delay) = TestSignals.AlignedSnrDb(pcm.AsSpan(1000), decoded.AsSpan(1000), 40);
        Assert.InRange(delay, 20, 24);
        Assert.True(snr > 10, $"SNR {snr:F1} dB");
    }

    [Fact]
    public void Codec_info_carries_the_rfc_3551_clock_rate_quirk()
    {
        using var encoder = new G722Encoder();
        Assert.Equal(8000, encoder.Codec.ClockRate);
        Assert.Equal(16000, encoder.Codec.SampleRate);
        Assert.Equal(0.5, encoder.Codec.TimestampUnitsPerSample);
        Assert.Equal(9, encoder.Codec.StaticPayloadType);
    }

    [Fact]
    public void Odd_sample_counts_and_short_buffers_are_rejected_with_reasons()
    {
        using var encoder = new G722Encoder();
        Assert.Contains("odd", Assert.Throws<ArgumentException>(() => encoder.Encode(new short[319], new byte[200])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => encoder.Encode(new short[320], new byte[159]));
        using var decoder = new G722Decoder();
        Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[160], new short[319]));
    }

    private static byte[] EncodeInFrames(short[] pcm)
    {
        var output = new byte[pcm.Length / 2];
        using var encoder = new G722Encoder();
        for (int offset = 0; offset < pcm.Length; offset += 320)
        {
            int n = Math.Min(320, pcm.Length - offset);
            Assert.Equal(n / 2, encoder.Encode(pcm.AsSpan(offset, n), output.AsSpan(offset / 2)));
        }

        return output;
    }

    private static short[] Make(string signal) => signal switch
    {
        "speech-like" => TestSignals.SpeechLike(16000, 48000, 1),
        "white noise" => TestSignals.WhiteNoise(32000, 20000, 2),
        "loud sweep" => Sweep(),
        _ => [.. new short[8000], .. TestSignals.WhiteNoise(8000, 32767, 3)],
    };

    private static short[] Sweep()
    {
        var result = new short[32000];
        double phase = 0;
        for (int n = 0; n < result.Length; n++)
        {
            phase += 2 * Math.PI * (50 + (7900.0 * n / result.Length)) / 16000;
            result[n] = (short)(32767 * Math.Sin(phase));
        }

        return result;
    }

    /// <summary>
    /// Debian's spandsp 0.0.6 casts the receive-QMF output to 16 bits without saturating, so a sample past full
    /// scale wraps to the other rail (an audible click); spandsp 0.0.7 and the ITU reference saturate. Every
    /// sample must match bit for bit, except that where 0.0.6 wrapped ours must be the saturated true value.
    /// </summary>
    private static int AssertSameDecoded(short[] reference, short[] ours)
    {
        Assert.Equal(reference.Length, ours.Length);
        int wrapped = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            if (reference[i] == ours[i])
            {
                continue;
            }

            int unwrapped = reference[i] < 0 ? reference[i] + 65536 : reference[i] - 65536;
            short saturated = (short)Math.Clamp(unwrapped, short.MinValue, short.MaxValue);
            Assert.True(saturated == ours[i], $"difference at index {i}: spandsp {reference[i]}, ours {ours[i]} (not an overflow wrap)");
            wrapped++;
        }

        return wrapped;
    }

    private static void AssertSame<T>(T[] reference, T[] ours)
        where T : IEquatable<T>
    {
        Assert.Equal(reference.Length, ours.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.True(reference[i].Equals(ours[i]), $"first difference at index {i}: spandsp {reference[i]}, ours {ours[i]}");
        }
    }
}
