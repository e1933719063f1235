using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Resampling;
using CallCenterSdk.Media.Tests.Codecs;
using Xunit.Abstractions;

namespace CallCenterSdk.Media.Tests.Resampling;

/// <summary>
/// Stop-band rejection and SNR measured on tone sweeps for every pair of 8, 16 and 48 kHz. Figures are written
/// to the test output (run with --logger "console;verbosity=detailed") and quoted in docs/media.md.
/// </summary>
public class PolyphaseResamplerTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> Pairs => new()
    {
        { 8000, 16000 }, { 16000, 8000 }, { 8000, 48000 }, { 48000, 8000 }, { 16000, 48000 }, { 48000, 16000 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Tones_in_the_stop_band_are_rejected_by_at_least_60_dB(int from, int to)
    {
        double nyquistOut = Math.Min(from, to) / 2.0;
        double worst = double.NegativeInfinity;
        double worstAt = 0;
        if (to < from)
        {
            // Decimation: anything between the output Nyquist and the input Nyquist would alias.
            for (double f = nyquistOut; f < (from / 2.0) - 50; f += nyquistOut / 40)
            {
                var input = TestSignals.Sine(f, from, from / 2, 16000);
                var result = Run(from, to, input);
                double level = 20 * Math.Log10(TestSignals.Rms(Settled(result, to)) / TestSignals.Rms(input) + 1e-12);
                if (level > worst)
                {
                    worst = level;
                    worstAt = f;
                }
            }
        }
        else
        {
            // Interpolation: a pass-band tone f must not leave images at from-f, from+f, ... above the input Nyquist.
            for (double f = 100; f < nyquistOut * 0.85; f += nyquistOut / 40)
            {
                var input = TestSignals.Sine(f, from, from / 2, 16000);
                var result = Settled(Run(from, to, input), to);
                double imagePower = 0;
                for (int k = 1; k * from / 2.0 < to / 2.0; k++)
                {
                    foreach (double image in new[] { (k * from) - f, (k * from) + f })
                    {
                        if (image < to / 2.0)
                        {
                            imagePower += TonePower(result, image, to);
                        }
                    }
                }

                double level = 10 * Math.Log10((imagePower / TonePower(result, f, to)) + 1e-15);
                if (level > worst)
                {
                    worst = level;
                    worstAt = f;
                }
            }
        }

        output.WriteLine($"{from} -> {to}: worst stop-band level {worst:F1} dB (tone at {worstAt:F0} Hz)");
        Assert.True(worst <= -60, $"{from} -> {to}: stop-band level {worst:F1} dB at {worstAt:F0} Hz");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Pass_band_tones_come_through_with_over_60_dB_snr_and_flat_gain(int from, int to)
    {
        double passEdge = 0.85 * Math.Min(from, to) / 2;
        double worstSnr = double.PositiveInfinity;
        double worstGain = 0;
        for (double f = 100; f <= passEdge; f += passEdge / 25)
        {
            var input = TestSignals.Sine(f, from, from / 2, 16000);
            var result = Settled(Run(from, to, input), to);
            var (amplitude, residual) = FitSine(result, f, to);
            double snr = 10 * Math.Log10(amplitude * amplitude / 2 / residual);
            double gain = 20 * Math.Log10(amplitude / 16000);
            worstSnr = Math.Min(worstSnr, snr);
            worstGain = Math.Abs(gain) > Math.Abs(worstGain) ? gain : worstGain;
        }

        output.WriteLine($"{from} -> {to}: worst pass-band SNR {worstSnr:F1} dB, largest gain error {worstGain:F3} dB");
        Assert.True(worstSnr >= 60, $"SNR {worstSnr:F1} dB");
        Assert.InRange(worstGain, -0.1, 0.1);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Twenty_ms_frames_give_exactly_twenty_ms_frames(int from, int to)
    {
        var resampler = new PolyphaseResampler(from, to);
        var input = new short[from / 50];
        var result = new short[to / 50];
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(to / 50, resampler.OutputLengthFor(input.Length));
            Assert.Equal(to / 50, resampler.Process(input, result));
        }
    }

    [Fact]
    public void Frame_boundaries_do_not_change_the_output()
    {
        var input = TestSignals.SpeechLike(8000, 8000, 7);
        var whole = new PolyphaseResampler(8000, 48000, 8000);
        var expected = new short[48000];
        Assert.Equal(48000, whole.Process(input, expected));

        var pieces = new PolyphaseResampler(8000, 48000, 480);
        var actual = new List<short>();
        var buffer = new short[48000];
        int at = 0;
        foreach (int size in Enumerable.Repeat(new[] { 160, 1, 77, 480 }, 100).SelectMany(x => x))
        {
            if (at >= input.Length)
            {
                break;
            }

            int n = Math.Min(size, input.Length - at);
            int produced = pieces.Process(input.AsSpan(at, n), buffer);
            actual.AddRange(buffer.AsSpan(0, produced));
            at += n;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Unsupported_ratios_and_oversized_frames_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(44100, 8000));
        var resampler = new PolyphaseResampler(8000, 16000);
        Assert.Throws<ArgumentException>(() => resampler.Process(new short[481], new short[1000]));
        Assert.Throws<ArgumentException>(() => resampler.Process(new short[160], new short[319]));
    }

    [Fact]
    public void Resampling_source_turns_an_8_kHz_source_into_16_kHz_frames()
    {
        var tone = new CallCenterSdk.Media.Tones.ToneGenerator(CallCenterSdk.Media.Tones.ToneDefinition.Beep(1000, 100), AudioFormat.Narrowband);
        var source = new ResamplingSource(tone, 16000);
        Assert.Equal(AudioFormat.Wideband, source.Format);
        var frame = new short[320];
        int total = 0, n;
        while ((n = source.ReadFrame(frame)) > 0)
        {
            total += n;
        }

        Assert.Equal(1600, total);
    }

    [Fact]
    public void Processing_a_frame_allocates_nothing()
    {
        var resampler = new PolyphaseResampler(48000, 8000);
        var input = TestSignals.Sine(1000, 48000, 960, 10000);
        var result = new short[160];
        resampler.Process(input, result);
        Assert.Equal(0, Allocations.LeastAllocated(() => resampler.Process(input, result), 100));
    }

    private static short[] Run(int from, int to, short[] input)
    {
        var resampler = new PolyphaseResampler(from, to, input.Length);
        var result = new short[resampler.OutputLengthFor(input.Length)];
        resampler.Process(input, result);
        return result;
    }

    // Skip the filter's warm-up (its delay is well under 20 ms) and the last 10 ms.
    private static short[] Settled(short[] samples, int rate) => samples[(rate / 40)..^(rate / 100)];

    private static double TonePower(ReadOnlySpan<short> x, double frequency, int rate) => FitSine(x, frequency, rate).Amplitude is var a ? a * a / 2 : 0;

    /// <summary>Least-squares fit of a sine at a known frequency: its amplitude and the mean power left over.</summary>
    private static (double Amplitude, double Residual) FitSine(ReadOnlySpan<short> x, double frequency, int rate)
    {
        double scc = 0, sss = 0, scs = 0, sxc = 0, sxs = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double w = 2 * Math.PI * frequency * n / rate;
            double c = Math.Cos(w), s = Math.Sin(w);
            scc += c * c;
            sss += s * s;
            scs += c * s;
            sxc += x[n] * c;
            sxs += x[n] * s;
        }

        double det = (scc * sss) - (scs * scs);
        double a = ((sxc * sss) - (sxs * scs)) / det;
        double b = ((sxs * scc) - (sxc * scs)) / det;
        double residual = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double w = 2 * Math.PI * frequency * n / rate;
            double e = x[n] - (a * Math.Cos(w)) - (b * Math.Sin(w));
            residual += e * e;
        }

        return (Math.Sqrt((a * a) + (b * b)), residual / x.Length);
    }
}
