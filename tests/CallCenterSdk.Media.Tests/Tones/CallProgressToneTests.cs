using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Media.Tests.Tones;

public class CallProgressToneTests
{
    public static TheoryData<string, CallProgressTone> AllTones()
    {
        var data = new TheoryData<string, CallProgressTone>();
        foreach (var country in new[] { "CN", "US", "UK", "EU" })
        {
            foreach (var tone in Enum.GetValues<CallProgressTone>())
            {
                data.Add(country, tone);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTones))]
    public void Generated_tone_follows_its_cadence_frequencies_and_level(string country, CallProgressTone tone)
    {
        var definition = CallProgressTones.For(country, tone);
        const int rate = 8000;
        int cycle = definition.Cadence.Count == 0 ? 1000 : definition.CycleMilliseconds;
        var samples = Generate(new ToneGenerator(definition, AudioFormat.Narrowband), rate * 2 * cycle / 1000);

        // Cadence: every 5 ms block well inside an on step sounds, and inside an off step is silent.
        for (int ms = 0; ms + 5 <= 2 * cycle; ms += 5)
        {
            bool? on = StateAt(definition, ms, ms + 5);
            if (on is null)
            {
                continue; // block straddles a step boundary
            }

            double rms = TestSignals.Rms(samples.AsSpan(ms * rate / 1000, 5 * rate / 1000));
            Assert.True(on.Value ? rms > 100 : rms == 0, $"{definition.Name} at {ms} ms: expected {(on.Value ? "tone" : "silence")}, RMS {rms:F0}");
        }

        // Content and level over the first on step (or 200 ms of a continuous tone).
        int onMs = definition.Cadence.Count == 0 ? 200 : definition.Cadence[0].Milliseconds;
        var first = samples.AsSpan(0, onMs * rate / 1000);
        double total = 0;
        foreach (double f in definition.Frequencies)
        {
            double power = Power(first, f, rate);
            Assert.InRange(Dbm0.FromPower(power), definition.LevelDbm0 - 0.5, definition.LevelDbm0 + 0.5);
            total += power;
        }

        double all = TestSignals.Rms(first);
        Assert.InRange(total / (all * all), 0.95, 1.05); // nothing but the listed frequencies
    }

    [Fact]
    public void A_beep_plays_once_then_ends()
    {
        var generator = new ToneGenerator(ToneDefinition.Beep(1000, 250), AudioFormat.Wideband);
        var frame = new short[320];
        int total = 0, n;
        while ((n = generator.ReadFrame(frame)) > 0)
        {
            total += n;
        }

        Assert.Equal(4000, total);
    }

    [Fact]
    public void GB_is_an_alias_of_UK_and_unknown_countries_are_named_in_the_error()
    {
        Assert.Same(CallProgressTones.For("UK", CallProgressTone.Busy), CallProgressTones.For("gb", CallProgressTone.Busy));
        var error = Assert.Throws<ArgumentException>(() => CallProgressTones.For("XX", CallProgressTone.Dial));
        Assert.Contains("XX", error.Message, StringComparison.Ordinal);
        Assert.Contains("CN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tone_frequencies_above_nyquist_are_rejected()
    {
        var bad = new ToneDefinition("too high", [5000], -10, []);
        Assert.Throws<ArgumentException>(() => new ToneGenerator(bad, AudioFormat.Narrowband));
    }

    [Fact]
    public void Phase_is_continuous_across_frames_of_any_size()
    {
        var definition = CallProgressTones.For("US", CallProgressTone.Dial);
        var whole = Generate(new ToneGenerator(definition, AudioFormat.Narrowband), 1600);
        var generator = new ToneGenerator(definition, AudioFormat.Narrowband);
        var pieces = new List<short>();
        foreach (int size in new[] { 7, 160, 33, 400, 1000 })
        {
            var frame = new short[size];
            pieces.AddRange(frame.AsSpan(0, generator.ReadFrame(frame)));
        }

        Assert.Equal(whole, pieces.Take(1600));
    }

    internal static short[] Generate(IAudioSource source, int samples)
    {
        var result = new short[samples];
        int done = 0;
        var frame = new short[source.Format.SamplesPerFrame];
        while (done < samples)
        {
            int n = source.ReadFrame(frame);
            if (n == 0)
            {
                break;
            }

            int take = Math.Min(n, samples - done);
            frame.AsSpan(0, take).CopyTo(result.AsSpan(done));
            done += take;
        }

        return result;
    }

    private static bool? StateAt(ToneDefinition definition, int startMs, int endMs)
    {
        if (definition.Cadence.Count == 0)
        {
            return true;
        }

        int cycle = definition.CycleMilliseconds;
        int position = 0;
        foreach (var step in definition.Cadence)
        {
            int s = startMs % cycle, e = s + (endMs - startMs);
            if (s >= position && e <= position + step.Milliseconds)
            {
                return step.On;
            }

            position += step.Milliseconds;
        }

        return null;
    }

    private static double Power(ReadOnlySpan<short> x, double frequency, int rate)
    {
        double re = 0, im = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double w = 2 * Math.PI * frequency * n / rate;
            re += x[n] * Math.Cos(w);
            im -= x[n] * Math.Sin(w);
        }

        return 2 * ((re * re) + (im * im)) / ((double)x.Length * x.Length);
    }
}
