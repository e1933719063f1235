namespace CallCenterSdk.Media.Tests.Plc;

/// <summary>Spectral checks for audio tests: Goertzel power at one frequency, and the strongest of a set.</summary>
internal static class Spectrum
{
    public static short[] Sine(double frequency, int sampleRate, int samples, double amplitude = 10000, long start = 0)
    {
        var pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * (start + i) / sampleRate));
        }

        return pcm;
    }

    public static double Power(ReadOnlySpan<short> x, double frequency, int sampleRate)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (short v in x)
        {
            double s = v + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s;
        }

        return (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
    }

    /// <summary>The frequency (10 Hz grid, 100..3500 Hz) with the most power in the signal.</summary>
    public static double DominantFrequency(ReadOnlySpan<short> x, int sampleRate)
    {
        double best = 0, bestPower = -1;
        for (double f = 100; f <= Math.Min(3500, sampleRate / 2.0 - 10); f += 10)
        {
            double p = Power(x, f, sampleRate);
            if (p > bestPower)
            {
                bestPower = p;
                best = f;
            }
        }

        return best;
    }

    public static double Rms(ReadOnlySpan<short> x)
    {
        if (x.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (short v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }
}
