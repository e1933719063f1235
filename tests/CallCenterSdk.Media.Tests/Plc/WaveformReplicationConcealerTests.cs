using CallCenterSdk.Media.Plc;

namespace CallCenterSdk.Media.Tests.Plc;

public class WaveformReplicationConcealerTests
{
    [Fact]
    public void Good_audio_passes_through_unchanged_but_delayed_by_3_75_ms()
    {
        var plc = new WaveformReplicationConcealer(8000);
        var input = Spectrum.Sine(300, 8000, 800);
        var output = (short[])input.Clone();
        for (int i = 0; i < output.Length; i += 160)
        {
            plc.Good(output.AsSpan(i, 160));
        }

        Assert.Equal(30, plc.DelaySamples);
        Assert.All(output.AsSpan(0, 30).ToArray(), s => Assert.Equal(0, s));
        for (int i = 30; i < output.Length; i++)
        {
            Assert.Equal(input[i - 30], output[i]);
        }
    }

    [Theory]
    [InlineData(8000, 440)]
    [InlineData(8000, 200)]
    [InlineData(16000, 700)]
    public void Concealment_of_a_sine_continues_the_sine(int rate, double frequency)
    {
        var plc = new WaveformReplicationConcealer(rate);
        int frame = rate / 50;
        var history = Spectrum.Sine(frequency, rate, frame * 5);
        for (int i = 0; i < history.Length; i += frame)
        {
            plc.Good(history.AsSpan(i, frame));
        }

        var concealed = new short[rate / 100];
        plc.Conceal(concealed);

        // The first 10 ms of concealment are at full level: the same tone must dominate the spectrum and keep
        // most of the energy, with its phase continuing (close to the true continuation sample by sample).
        Assert.InRange(Spectrum.DominantFrequency(concealed, rate), frequency - 20, frequency + 20);
        Assert.InRange(Spectrum.Rms(concealed), 10000 / Math.Sqrt(2) * 0.8, 10000 / Math.Sqrt(2) * 1.2);
        var truth = Spectrum.Sine(frequency, rate, concealed.Length, start: history.Length - plc.DelaySamples);
        double error = 0;
        for (int i = 0; i < concealed.Length; i++)
        {
            error += Math.Pow(concealed[i] - truth[i], 2);
        }

        Assert.True(Math.Sqrt(error / concealed.Length) < 0.35 * Spectrum.Rms(truth), $"concealment drifted from the sine: rms error {Math.Sqrt(error / concealed.Length):0}");
    }

    [Fact]
    public void Without_output_delay_good_audio_passes_through_unchanged()
    {
        var plc = new WaveformReplicationConcealer(8000, delayOutput: false);
        var input = Spectrum.Sine(300, 8000, 800);
        var output = (short[])input.Clone();
        for (int i = 0; i < output.Length; i += 160)
        {
            plc.Good(output.AsSpan(i, 160));
        }

        Assert.Equal(0, plc.DelaySamples);
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(440)]
    [InlineData(200)]
    public void Without_output_delay_concealment_continues_the_sine_from_the_unplayed_samples(double frequency)
    {
        var plc = new WaveformReplicationConcealer(8000, delayOutput: false);
        var signal = Spectrum.Sine(frequency, 8000, 800);
        plc.Good(signal.AsSpan().ToArray());

        // The caller still holds the last 40 samples unplayed: the start of the loss is smoothed in them.
        var unplayed = signal.AsSpan(760, 40).ToArray();
        var concealed = new short[80];
        plc.Conceal(concealed, unplayed);

        Assert.InRange(Spectrum.DominantFrequency(concealed, 8000), frequency - 20, frequency + 20);
        var truth = Spectrum.Sine(frequency, 8000, concealed.Length, start: 800);
        double error = 0;
        for (int i = 0; i < concealed.Length; i++)
        {
            error += Math.Pow(concealed[i] - truth[i], 2);
        }

        Assert.True(Math.Sqrt(error / concealed.Length) < 0.35 * Spectrum.Rms(truth), $"concealment drifted from the sine: rms error {Math.Sqrt(error / concealed.Length):0}");
        var joined = unplayed.Concat(concealed).ToArray();
        for (int i = 1; i < joined.Length; i++)
        {
            Assert.True(Math.Abs(joined[i] - joined[i - 1]) < 4000, $"jump of {joined[i] - joined[i - 1]} at sample {i}");
        }
    }

    [Fact]
    public void Long_gap_fades_out_to_silence_after_60_ms()
    {
        var plc = new WaveformReplicationConcealer(8000);
        var history = Spectrum.Sine(250, 8000, 800);
        plc.Good(history);
        var concealed = new short[800];
        plc.Conceal(concealed);

        double first = Spectrum.Rms(concealed.AsSpan(30, 80));
        double middle = Spectrum.Rms(concealed.AsSpan(30 + 320, 80));
        Assert.True(middle < first * 0.7, $"no fade: {first:0} then {middle:0}");
        Assert.All(concealed.AsSpan(30 + 480 + 8).ToArray(), s => Assert.Equal(0, s));
    }

    [Fact]
    public void Return_of_real_audio_is_cross_faded_without_a_click()
    {
        var plc = new WaveformReplicationConcealer(8000);
        var signal = Spectrum.Sine(300, 8000, 1600);
        var output = new short[1600];
        signal.AsSpan(0, 640).CopyTo(output);
        plc.Good(output.AsSpan(0, 640));
        plc.Conceal(output.AsSpan(640, 160));
        Assert.True(plc.IsConcealing);
        signal.AsSpan(800, 800).CopyTo(output.AsSpan(800));
        plc.Good(output.AsSpan(800, 800));
        Assert.False(plc.IsConcealing);

        // A 300 Hz sine at 10000 moves at most ~2400 per sample; a click would jump far more.
        for (int i = 1; i < output.Length; i++)
        {
            Assert.True(Math.Abs(output[i] - output[i - 1]) < 4000, $"jump of {output[i] - output[i - 1]} at sample {i}");
        }
    }

    [Fact]
    public void Pitch_of_a_periodic_signal_is_found()
    {
        var plc = new WaveformReplicationConcealer(8000);

        // 100 Hz: a period of exactly 80 samples, inside the 40..120 sample search range.
        plc.Good(Spectrum.Sine(100, 8000, 800));
        plc.Conceal(new short[80]);
        Assert.Equal(80, plc.LastPitch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11025)]
    [InlineData(44100)]
    [InlineData(96000)]
    public void Unsupported_sample_rates_are_rejected(int rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WaveformReplicationConcealer(rate));
        Assert.Contains("8000", e.Message, StringComparison.Ordinal);
    }
}
