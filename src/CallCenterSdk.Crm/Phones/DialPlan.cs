namespace CallCenterSdk.Crm.Phones;

/// <summary>
/// How a tenant's local numbers are written, so they can be normalised to E.164 (ITU-T E.164):
/// the country code and the national and international prefixes dialled in that country.
/// </summary>
/// <param name="CountryCode">Country calling code without '+', for example "49" or "1".</param>
/// <param name="NationalPrefix">Trunk prefix dropped from national numbers, for example "0" (empty for NANP).</param>
/// <param name="InternationalPrefix">Prefix that introduces an international number, for example "00" or "011".</param>
public sealed record DialPlan(string CountryCode, string NationalPrefix = "0", string InternationalPrefix = "00")
{
    /// <summary>Germany: +49, national prefix 0, international prefix 00.</summary>
    public static DialPlan Germany { get; } = new("49");

    /// <summary>North America (NANP): +1, no national prefix, international prefix 011.</summary>
    public static DialPlan NorthAmerica { get; } = new("1", "", "011");

    /// <summary>United Kingdom: +44, national prefix 0, international prefix 00.</summary>
    public static DialPlan UnitedKingdom { get; } = new("44");
}
