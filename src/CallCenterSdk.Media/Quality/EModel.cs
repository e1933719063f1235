namespace CallCenterSdk.Media.Quality;

/// <summary>
/// The ITU-T G.107 E-model simplified to what a VoIP leg changes: one-way delay and effective packet loss, with
/// every other parameter at its G.107 default (so R = 93.2 with no delay and no loss).
/// <list type="bullet">
/// <item>Delay: Id = 0.024 Ta + 0.11 (Ta - 177.3) H(Ta - 177.3), the usual fit of G.107's Idte + Idd for
/// default echo loss (Cole and Rosenbluth, 2001).</item>
/// <item>Loss: Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl) (G.107 §7.4).</item>
/// <item>MOS from R by G.107 Annex B: 1 + 0.035 R + 7e-6 R (R - 60)(100 - R), clamped to 1..4.5.</item>
/// </list>
/// The call-control layer uses it for per-leg MOS in call detail records.
/// </summary>
public static class EModel
{
    /// <summary>R with all G.107 default values: Ro - Is = 93.2.</summary>
    public const double DefaultR = 93.2;

    /// <summary>Rates a call leg.</summary>
    /// <param name="oneWayDelayMs">Mouth-to-ear delay Ta in ms (network, jitter buffer, codec).</param>
    /// <param name="packetLossPercent">Ppl: share of speech lost or concealed, in percent (0..100).</param>
    /// <param name="codec">The codec's Ie and Bpl.</param>
    /// <param name="burstRatio">BurstR: 1 for random loss, above 1 for bursty loss (G.107 §7.4).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, not finite, or the loss is above 100 %.</exception>
    public static EModelRating Rate(double oneWayDelayMs, double packetLossPercent, CodecImpairment codec, double burstRatio = 1)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!double.IsFinite(oneWayDelayMs) || oneWayDelayMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(oneWayDelayMs), oneWayDelayMs, "Delay must be a finite, non-negative number of ms.");
        }

        if (!double.IsFinite(packetLossPercent) || packetLossPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(packetLossPercent), packetLossPercent, "Loss must be 0..100 percent.");
        }

        if (!double.IsFinite(burstRatio) || burstRatio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(burstRatio), burstRatio, "BurstR is 1 for random loss and above 1 for bursty loss.");
        }

        double id = DelayImpairment(oneWayDelayMs);
        double ieEff = codec.Ie + ((95 - codec.Ie) * packetLossPercent / ((packetLossPercent / burstRatio) + codec.Bpl));
        double r = DefaultR - id - ieEff;
        return new EModelRating(r, ToMos(r), id, ieEff);
    }

    /// <summary>Delay impairment Id for a one-way delay in ms.</summary>
    public static double DelayImpairment(double oneWayDelayMs) =>
        (0.024 * oneWayDelayMs) + (oneWayDelayMs > 177.3 ? 0.11 * (oneWayDelayMs - 177.3) : 0);

    /// <summary>Converts R to MOS (G.107 Annex B, equation B-4).</summary>
    public static double ToMos(double r)
    {
        if (r <= 0)
        {
            return 1;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        return 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
    }

    /// <summary>
    /// BurstR from a two-state loss model (G.107 §7.4): 1 / (p + q) where p is the probability of a loss after a
    /// received packet and q of a received packet after a loss. 1 for random loss.
    /// </summary>
    public static double BurstRatio(double lossAfterReceived, double receivedAfterLoss)
    {
        double sum = lossAfterReceived + receivedAfterLoss;
        return sum <= 0 ? 1 : Math.Max(1, 1 / sum);
    }
}
