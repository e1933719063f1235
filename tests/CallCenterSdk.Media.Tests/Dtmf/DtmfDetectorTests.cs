using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Tests.Codecs;

namespace CallCenterSdk.Media.Tests.Dtmf;

/// <summary>
/// The in-band detector against the ITU-T Q.24 grid collected in corpus/dtmf/dtmf_detection_requirements.txt:
/// frequency tolerance, twist, level, duration, interruption and pause, at 8 and 16 kHz.
/// </summary>
public class DtmfDetectorTests
{
    private const string AllKeys = DtmfFrequencies.Keys;

    public static TheoryData<int, double> AcceptedOffsets()
    {
        var data = new TheoryData<int, double>();
        foreach (int rate in new[] { 8000, 16000 })
        {
            foreach (double offset in new[] { 0, 0.01, -0.01, 0.015, -0.015 })
            {
                data.Add(rate, offset);
            }
        }

        return data;
    }

    public static TheoryData<int, double> RejectedOffsets()
    {
        var data = new TheoryData<int, double>();
        foreach (int rate in new[] { 8000, 16000 })
        {
            foreach (double offset in new[] { 0.035, -0.035, 0.05, -0.05 })
            {
                data.Add(rate, offset);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptedOffsets))]
    public void All_16_keys_are_detected_with_either_tone_off_by_up_to_1_5_percent(int rate, double offset)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(key.ToString(), Detect(rate, key.ToString(), new() { LowFrequencyDeviation = offset }));
            Assert.Equal(key.ToString(), Detect(rate, key.ToString(), new() { HighFrequencyDeviation = offset }));
            Assert.Equal(key.ToString(), Detect(rate, key.ToString(), new() { LowFrequencyDeviation = offset, HighFrequencyDeviation = -offset }));
        }
    }

    [Theory]
    [MemberData(nameof(RejectedOffsets))]
    public void No_key_is_detected_with_either_tone_off_by_3_5_percent_or_more(int rate, double offset)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(string.Empty, Detect(rate, key.ToString(), new() { LowFrequencyDeviation = offset }));
            Assert.Equal(string.Empty, Detect(rate, key.ToString(), new() { HighFrequencyDeviation = offset }));
        }
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void A_string_of_all_keys_is_detected_in_order(int rate)
    {
        Assert.Equal(AllKeys, Detect(rate, AllKeys, new() { ToneMilliseconds = 50, PauseMilliseconds = 50 }));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(45)]
    [InlineData(50)]
    [InlineData(70)]
    public void Tones_of_40_ms_and_longer_are_detected_at_every_alignment(int milliseconds)
    {
        foreach (int rate in new[] { 8000, 16000 })
        {
            for (int lead = 0; lead < rate / 100; lead += rate / 1000)
            {
                Assert.Equal("5#", Detect(rate, "5#", new() { ToneMilliseconds = milliseconds, PauseMilliseconds = 60 }, leadSamples: lead));
            }
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(22)]
    public void Tones_shorter_than_23_ms_are_never_detected(int milliseconds)
    {
        foreach (int rate in new[] { 8000, 16000 })
        {
            for (int lead = 0; lead < rate / 100; lead += rate / 1000)
            {
                Assert.Equal(string.Empty, Detect(rate, "5#", new() { ToneMilliseconds = milliseconds, PauseMilliseconds = 60 }, leadSamples: lead));
            }
        }
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void A_10_ms_break_inside_a_tone_does_not_split_the_key(int rate)
    {
        var signal = Concat(
            Silence(rate, 30), Tone(rate, '7', 45), Silence(rate, 10), Tone(rate, '7', 45), Silence(rate, 100));
        Assert.Equal("7", Run(rate, signal));
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void A_40_ms_pause_separates_two_presses_of_the_same_key(int rate)
    {
        var signal = Concat(
            Silence(rate, 30), Tone(rate, '1', 60), Silence(rate, 40), Tone(rate, '1', 60), Silence(rate, 100));
        Assert.Equal("11", Run(rate, signal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(8)]
    public void Normal_twist_up_to_8_dB_is_accepted(double twist)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(key.ToString(), Detect(8000, key.ToString(), new() { LowLevelDbm0 = -6, HighLevelDbm0 = -6 - twist }));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Reverse_twist_up_to_4_dB_is_accepted(double twist)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(key.ToString(), Detect(16000, key.ToString(), new() { LowLevelDbm0 = -6 - twist, HighLevelDbm0 = -6 }));
        }
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(12, 0)]
    [InlineData(0, 10)]
    [InlineData(0, 12)]
    public void Twist_of_10_dB_or_more_either_way_is_rejected(double lowQuieter, double highQuieter)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(string.Empty, Detect(8000, key.ToString(), new() { LowLevelDbm0 = -4 - lowQuieter, HighLevelDbm0 = -4 - highQuieter }));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(-20)]
    [InlineData(-25)]
    public void Levels_from_0_down_to_minus_25_dBm0_per_tone_are_accepted(double level)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(key.ToString(), Detect(8000, key.ToString(), new() { LowLevelDbm0 = level, HighLevelDbm0 = level }));
        }
    }

    [Theory]
    [InlineData(-36)]
    [InlineData(-45)]
    public void Levels_of_minus_36_dBm0_and_below_are_rejected(double level)
    {
        foreach (char key in AllKeys)
        {
            Assert.Equal(string.Empty, Detect(8000, key.ToString(), new() { LowLevelDbm0 = level, HighLevelDbm0 = level }));
        }
    }

    [Fact]
    public void Keys_are_detected_with_white_noise_15_dB_below_the_tones()
    {
        var tones = Concat(Silence(8000, 50), Render(8000, "159#", new()), Silence(8000, 50));
        // Tones at -7 and -5 dBm0 together carry about -2.9 dBm0; noise 15 dB lower.
        double signalRms = TestSignals.Rms(tones.AsSpan(400, 800));
        var noise = TestSignals.WhiteNoise(tones.Length, signalRms * Math.Sqrt(3) / Math.Pow(10, 15 / 20.0), 15);
        var noisy = tones.Select((s, i) => (short)Math.Clamp(s + noise[i], short.MinValue, short.MaxValue)).ToArray();
        Assert.Equal("159#", Run(8000, noisy));
    }

    [Fact]
    public void A_synthetic_speech_like_signal_of_a_minute_never_fires()
    {
        var speech = TestSignals.SpeechLike(8000, 8000 * 60, 24);
        Assert.Equal(string.Empty, Run(8000, speech));
    }

    [Fact]
    public void Reports_the_measured_frequencies_and_where_the_tone_started()
    {
        var detector = new DtmfDetector(8000);
        var found = new List<DtmfDetection>();
        detector.KeyDetected += (_, e) => found.Add(e.Detection);
        detector.Process(Concat(Silence(8000, 100), Render(8000, "9", new() { LowFrequencyDeviation = 0.01, HighFrequencyDeviation = -0.01 })));
        var detection = Assert.Single(found);
        Assert.Equal('9', detection.Key);
        Assert.InRange(detection.LowFrequency, (852 * 1.01) - 2, (852 * 1.01) + 2);
        Assert.InRange(detection.HighFrequency, (1477 * 0.99) - 2, (1477 * 0.99) + 2);
        Assert.InRange(detection.StartSample, 800 - 80, 800 + 40);
    }

    [Fact]
    public void Frame_size_does_not_change_the_result()
    {
        var signal = Concat(Silence(8000, 20), Render(8000, "0123456789", new() { ToneMilliseconds = 45, PauseMilliseconds = 45 }));
        foreach (int frame in new[] { 1, 7, 80, 160, 333 })
        {
            var detector = new DtmfDetector(8000);
            var keys = new List<char>();
            detector.KeyDetected += (_, e) => keys.Add(e.Detection.Key);
            for (int i = 0; i < signal.Length; i += frame)
            {
                detector.WriteFrame(signal.AsSpan(i, Math.Min(frame, signal.Length - i)));
            }

            Assert.Equal("0123456789", new string([.. keys]));
        }
    }

    [Fact]
    public void Unsupported_sample_rates_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtmfDetector(11025));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtmfDetector(96000));
    }

    internal static string Run(int rate, short[] signal)
    {
        var detector = new DtmfDetector(rate);
        var keys = new List<char>();
        detector.KeyDetected += (_, e) => keys.Add(e.Detection.Key);
        int frame = new AudioFormat(rate).SamplesPerFrame;
        for (int i = 0; i < signal.Length; i += frame)
        {
            detector.WriteFrame(signal.AsSpan(i, Math.Min(frame, signal.Length - i)));
        }

        return new string([.. keys]);
    }

    private static string Detect(int rate, string keys, DtmfGeneratorOptions options, int leadSamples = 0)
    {
        var signal = Concat(new short[leadSamples], Silence(rate, 30), Render(rate, keys, options), Silence(rate, 60));
        return Run(rate, signal);
    }

    private static short[] Render(int rate, string keys, DtmfGeneratorOptions options)
    {
        var generator = new DtmfGenerator(keys, new AudioFormat(rate), options);
        var output = new List<short>();
        var frame = new short[rate / 50];
        int n;
        while ((n = generator.ReadFrame(frame)) > 0)
        {
            output.AddRange(frame.AsSpan(0, n));
        }

        return [.. output];
    }

    private static short[] Tone(int rate, char key, int milliseconds) =>
        Render(rate, key.ToString(), new() { ToneMilliseconds = milliseconds, PauseMilliseconds = 0 });

    private static short[] Silence(int rate, int milliseconds) => new short[rate * milliseconds / 1000];

    private static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];
}
