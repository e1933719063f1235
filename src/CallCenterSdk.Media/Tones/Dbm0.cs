namespace CallCenterSdk.Media.Tones;

/// <summary>
/// Converts between dBm0 (telephony level relative to the digital milliwatt) and 16-bit sample amplitudes.
/// The G.711 mu-law overload point is +3.17 dBm0 at a peak of 8159 in 14-bit units (ITU-T G.711 §2), which puts
/// a 0 dBm0 sine at a peak of 22652 in 16-bit PCM.
/// </summary>
public static class Dbm0
{
    /// <summary>Peak amplitude of a 0 dBm0 sine in 16-bit PCM.</summary>
    public const double ZeroDbm0Peak = 8159 * 4 / 1.4401;

    /// <summary>Peak amplitude of a sine at <paramref name="dbm0"/>.</summary>
    public static double ToPeak(double dbm0) => ZeroDbm0Peak * Math.Pow(10, dbm0 / 20);

    /// <summary>Mean power (peak squared over two) of a sine at <paramref name="dbm0"/>.</summary>
    public static double ToPower(double dbm0)
    {
        double peak = ToPeak(dbm0);
        return peak * peak / 2;
    }

    /// <summary>The level in dBm0 of a signal with mean power <paramref name="power"/> (in 16-bit units squared).</summary>
    public static double FromPower(double power) =>
        power <= 0 ? double.NegativeInfinity : 10 * Math.Log10(power / (ZeroDbm0Peak * ZeroDbm0Peak / 2));
}
