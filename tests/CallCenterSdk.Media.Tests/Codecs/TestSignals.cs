namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>Deterministic test signals and measurements shared by the codec and DSP tests.</summary>
internal static class TestSignals
{
    public static short[] Sine(double frequency, int sampleRate, int samples, double peak, double phase = 0)
    {
        var result = new short[samples];
        for (int n = 0; n < samples; n++)
        {
            result[n] = (short)Math.Round(peak * Math.Sin((2 * Math.PI * frequency * n / sampleRate) + phase));
        }

        return result;
    }

    public static short[] WhiteNoise(int samples, double peak, int seed)
    {
        var random = new Random(seed);
        var result = new short[samples];
        for (int n = 0; n < samples; n++)
        {
            result[n] = (short)Math.Round(((random.NextDouble() * 2) - 1) * peak);
        }

        return result;
    }

    /// <summary>
    /// Speech-like: a glottal pulse train with a wandering pitch through two resonant formants, syllable-rate
    /// amplitude modulation and pauses. Not speech, but with speech's spectral tilt and non-stationarity.
    /// </summary>
    public static short[] SpeechLike(int sampleRate, int samples, int seed)
    {
        var random = new Random(seed);
        var result = new short[samples];
        double pitchPhase = 0;
        double y1 = 0, y2 = 0, z1 = 0, z2 = 0;
        double f1 = 500, f2 = 1500;
        for (int n = 0; n < samples; n++)
        {
            double t = (double)n / sampleRate;
            if (n % (sampleRate / 10) == 0)
            {
                f1 = 300 + (random.NextDouble() * 600);
                f2 = 900 + (random.NextDouble() * 1600);
            }

            double pitch = 110 + (30 * Math.Sin(2 * Math.PI * 0.7 * t));
            pitchPhase += pitch / sampleRate;
            double excitation = 0;
            if (pitchPhase >= 1)
            {
                pitchPhase -= 1;
                excitation = 1;
            }

            excitation += 0.05 * ((random.NextDouble() * 2) - 1);
            (double a1, double a2) = Resonator(f1, 80, sampleRate);
            double y = excitation + (a1 * y1) + (a2 * y2);
            y2 = y1;
            y1 = y;
            (double b1, double b2) = Resonator(f2, 120, sampleRate);
            double z = y + (b1 * z1) + (b2 * z2);
            z2 = z1;
            z1 = z;
            double envelope = Math.Max(0, Math.Sin(2 * Math.PI * 3 * t));
            result[n] = (short)Math.Clamp(z * envelope * 600, short.MinValue, short.MaxValue);
        }

        return result;
    }

    public static double SignalToNoiseDb(ReadOnlySpan<short> reference, ReadOnlySpan<short> test)
    {
        double signal = 0, noise = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double e = reference[i] - test[i];
            noise += e * e;
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    /// <summary>SNR after finding the delay (0..maxDelay) that best aligns <paramref name="test"/> to the reference.</summary>
    public static (double Snr, int Delay) AlignedSnrDb(ReadOnlySpan<short> reference, ReadOnlySpan<short> test, int maxDelay)
    {
        double best = double.NegativeInfinity;
        int bestDelay = 0;
        int length = reference.Length - maxDelay;
        for (int d = 0; d <= maxDelay; d++)
        {
            double snr = SignalToNoiseDb(reference[..length], test.Slice(d, length));
            if (snr > best)
            {
                best = snr;
                bestDelay = d;
            }
        }

        return (best, bestDelay);
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    private static (double, double) Resonator(double frequency, double bandwidth, int sampleRate)
    {
        double r = Math.Exp(-Math.PI * bandwidth / sampleRate);
        return (2 * r * Math.Cos(2 * Math.PI * frequency / sampleRate), -r * r);
    }
}
