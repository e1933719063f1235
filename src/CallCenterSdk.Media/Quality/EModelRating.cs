namespace CallCenterSdk.Media.Quality;

/// <summary>The E-model's verdict on a call leg.</summary>
/// <param name="R">Transmission rating factor (0..100; 93.2 for a perfect narrow-band call).</param>
/// <param name="Mos">Estimated mean opinion score (1..4.5), from R by G.107 Annex B.</param>
/// <param name="DelayImpairment">Id: impairment from one-way delay.</param>
/// <param name="EffectiveEquipmentImpairment">Ie,eff: impairment from the codec and packet loss.</param>
public readonly record struct EModelRating(double R, double Mos, double DelayImpairment, double EffectiveEquipmentImpairment);
