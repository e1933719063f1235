namespace CallCenterSdk.Media.Resampling;

/// <summary>
/// Designs a linear-phase low-pass FIR by the Kaiser window method (Kaiser 1974; Oppenheim &amp; Schafer §7.5):
/// the window's beta follows from the stop-band attenuation and the length from the transition width.
/// </summary>
internal static class KaiserLowPass
{
    /// <summary>
    /// Returns taps for a low-pass at <paramref name="cutoff"/> (a fraction of the sampling rate, 0..0.5) with
    /// <paramref name="transition"/> width (same units) and <paramref name="attenuationDb"/> stop-band rejection,
    /// rounded up to a multiple of <paramref name="multiple"/> taps and scaled to a DC gain of <paramref name="gain"/>.
    /// </summary>
    public static double[] Design(double cutoff, double transition, double attenuationDb, int multiple, double gain)
    {
        double beta = attenuationDb > 50
            ? 0.1102 * (attenuationDb - 8.7)
            : attenuationDb >= 21 ? (0.5842 * Math.Pow(attenuationDb - 21, 0.4)) + (0.07886 * (attenuationDb - 21)) : 0;
        int length = (int)Math.Ceiling((attenuationDb - 8) / (2.285 * 2 * Math.PI * transition)) + 1;
        length = ((length + multiple - 1) / multiple) * multiple;
        var taps = new double[length];
        double middle = (length - 1) / 2.0;
        double denominator = BesselI0(beta);
        double sum = 0;
        for (int n = 0; n < length; n++)
        {
            double x = n - middle;
            double sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double ratio = x / middle;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (ratio * ratio)))) / denominator;
            taps[n] = sinc * window;
            sum += taps[n];
        }

        for (int n = 0; n < length; n++)
        {
            taps[n] *= gain / sum;
        }

        return taps;
    }

    /// <summary>Zeroth-order modified Bessel function of the first kind, by its power series.</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 50; k++)
        {
            term *= half / k;
            double t2 = term * term;
            sum += t2;
            if (t2 < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
