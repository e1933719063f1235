using CallCenterSdk.Media.Tests.Plc;
using CallCenterSdk.Media.TimeScale;

namespace CallCenterSdk.Media.Tests.TimeScale;

public class WsolaTimeScalerTests
{
    [Theory]
    [InlineData(8000, 200)]
    [InlineData(8000, 150)]
    [InlineData(16000, 240)]
    public void Accelerate_removes_whole_periods_and_keeps_pitch(int rate, double frequency)
    {
        var scaler = new WsolaTimeScaler(rate);
        var input = Spectrum.Sine(frequency, rate, scaler.AccelerateInputNeeded);
        var output = new short[scaler.FrameSamples];
        var result = scaler.Accelerate(input, output);

        Assert.True(result.Changed);
        Assert.Equal(output.Length + result.Lag, result.Consumed);
        double period = rate / frequency;
        double periods = result.Lag / period;
        Assert.True(Math.Abs(periods - Math.Round(periods)) < 0.1, $"lag {result.Lag} is not a whole number of {period} sample periods");
        Assert.InRange(Spectrum.DominantFrequency(output, rate), frequency - 10, frequency + 10);
        Assert.InRange(Spectrum.Rms(output), Spectrum.Rms(input) * 0.9, Spectrum.Rms(input) * 1.1);
    }

    [Theory]
    [InlineData(8000, 200)]
    [InlineData(8000, 250)]
    [InlineData(48000, 180)]
    public void Expand_repeats_whole_periods_and_keeps_pitch(int rate, double frequency)
    {
        var scaler = new WsolaTimeScaler(rate);
        var input = Spectrum.Sine(frequency, rate, scaler.FrameSamples);
        var output = new short[scaler.FrameSamples];
        var result = scaler.Expand(input, output);

        Assert.True(result.Changed);
        Assert.Equal(output.Length - result.Lag, result.Consumed);
        double periods = result.Lag / (rate / frequency);
        Assert.True(Math.Abs(periods - Math.Round(periods)) < 0.1, $"lag {result.Lag} is not whole periods");
        Assert.InRange(Spectrum.DominantFrequency(output, rate), frequency - 10, frequency + 10);
    }

    [Fact]
    public void Accelerated_output_joins_the_following_input_without_a_jump()
    {
        var scaler = new WsolaTimeScaler(8000);
        var input = Spectrum.Sine(200, 8000, 600);
        var output = new short[160];
        var result = scaler.Accelerate(input.AsSpan(0, scaler.AccelerateInputNeeded), output);
        short next = input[result.Consumed];
        Assert.True(Math.Abs(next - output[^1]) < 2500, $"jump from {output[^1]} to {next}");
    }

    [Fact]
    public void Loud_noise_is_not_time_scaled()
    {
        var scaler = new WsolaTimeScaler(8000);
        var random = new Random(7);
        var noise = new short[scaler.AccelerateInputNeeded];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (short)random.Next(-20000, 20000);
        }

        var output = new short[160];
        var result = scaler.Accelerate(noise, output);
        Assert.False(result.Changed);
        Assert.Equal(160, result.Consumed);
        Assert.Equal(noise.AsSpan(0, 160).ToArray(), output);
    }

    [Theory]
    [InlineData(200, 110)]
    [InlineData(150, 100)]
    [InlineData(250, 130)]
    public void Stretch_fills_a_frame_from_a_short_queue_by_repeating_whole_periods(double frequency, int available)
    {
        var scaler = new WsolaTimeScaler(8000);
        var signal = Spectrum.Sine(frequency, 8000, 600);

        // 300 samples already played, then the queue: fewer samples than a frame.
        var stream = signal.AsSpan(0, 300 + available).ToArray();
        var output = new short[160];
        var result = scaler.Stretch(stream, available, output);

        Assert.True(result.Changed);
        Assert.InRange(result.Lag, 160 - available, scaler.MaxLag);
        Assert.Equal(160 - result.Lag, result.Consumed);
        double periods = result.Lag / (8000 / frequency);
        Assert.True(Math.Abs(periods - Math.Round(periods)) < 0.1, $"lag {result.Lag} is not whole periods of {8000 / frequency}");
        Assert.InRange(Spectrum.DominantFrequency(output, 8000), frequency - 10, frequency + 10);

        // The first sample played next (the queue resumes where the stretch stopped) follows without a jump.
        short next = stream[300 + result.Consumed];
        Assert.True(Math.Abs(next - output[^1]) < 2500, $"jump from {output[^1]} to {next}");
        for (int i = 1; i < output.Length; i++)
        {
            Assert.True(Math.Abs(output[i] - output[i - 1]) < 2500, $"jump of {output[i] - output[i - 1]} at {i}");
        }
    }

    [Fact]
    public void Stretch_leaves_loud_noise_alone_so_the_caller_conceals()
    {
        var scaler = new WsolaTimeScaler(8000);
        var random = new Random(11);
        var noise = new short[420];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (short)random.Next(-20000, 20000);
        }

        var output = new short[160];
        var result = scaler.Stretch(noise, 120, output);
        Assert.False(result.Changed);
        Assert.Equal(0, result.Consumed);
        Assert.All(output, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Stretch_of_a_queue_that_already_fills_the_frame_is_rejected()
    {
        var scaler = new WsolaTimeScaler(8000);
        var e = Assert.Throws<ArgumentException>(() => scaler.Stretch(new short[400], 160, new short[160]));
        Assert.Contains("160", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_shorter_than_the_output_is_rejected_with_the_lengths()
    {
        var scaler = new WsolaTimeScaler(8000);
        var e = Assert.Throws<ArgumentException>(() => scaler.Expand(new short[100], new short[160]));
        Assert.Contains("160", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WsolaTimeScaler(4000));
    }
}
