namespace CallCenterSdk.Media.Quality;

/// <summary>
/// A deterministic voiced-speech stand-in for simulations: five harmonics of a pitch gliding between 110 and
/// 170 Hz, with a syllable-rate envelope. Any sample can be computed from its index alone (the phase has a
/// closed form), so packets can be generated in any order.
/// </summary>
internal static class SyntheticSpeech
{
    public static void Fill(long firstSample, int sampleRate, Span<short> pcm)
    {
        for (int i = 0; i < pcm.Length; i++)
        {
            double t = (double)(firstSample + i) / sampleRate;

            // f0(t) = 140 + 30 sin(pi t): phase is the integral 2 pi (140 t - (30 / pi) cos(pi t)).
            double phase = 2 * Math.PI * ((140 * t) - (30 / Math.PI * Math.Cos(Math.PI * t)));
            double v = 0;
            for (int k = 1; k <= 5; k++)
            {
                v += Math.Sin(k * phase) / k;
            }

            double envelope = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 3 * t));
            pcm[i] = (short)(v * envelope * 6000);
        }
    }
}
