using System.Collections.Frozen;

namespace CallCenterSdk.Media.Tones;

/// <summary>
/// Per-country call-progress tone tables, from ITU-T E.180 Supplement 2 and the national specifications it
/// summarises: CN (China, YD/T 1009), US (North America, ATIS precise tones), UK (BT SIN 350) and EU
/// (CEPT/ETSI TR 101 041 recommended values, used across most of Europe).
/// </summary>
public static class CallProgressTones
{
    private static readonly FrozenDictionary<string, FrozenDictionary<CallProgressTone, ToneDefinition>> Tables =
        new Dictionary<string, FrozenDictionary<CallProgressTone, ToneDefinition>>(StringComparer.OrdinalIgnoreCase)
        {
            ["CN"] = Table(
                Make("CN dial", [450], -10),
                Make("CN ringback", [450], -10, 1000, 4000),
                Make("CN busy", [450], -10, 350, 350),
                Make("CN congestion", [450], -10, 700, 700),
                Make("CN call waiting", [450], -10, 400, 4000)),
            ["US"] = Table(
                Make("US dial", [350, 440], -13),
                Make("US ringback", [440, 480], -19, 2000, 4000),
                Make("US busy", [480, 620], -24, 500, 500),
                Make("US congestion", [480, 620], -24, 250, 250),
                Make("US call waiting", [440], -13, 300, 9700)),
            ["UK"] = Table(
                Make("UK dial", [350, 450], -13),
                Make("UK ringback", [400, 450], -19, 400, 200, 400, 2000),
                Make("UK busy", [400], -13, 375, 375),
                Make("UK congestion", [400], -13, 400, 350, 225, 525),
                Make("UK call waiting", [400], -13, 100, 2000)),
            ["EU"] = Table(
                Make("EU dial", [425], -10),
                Make("EU ringback", [425], -10, 1000, 4000),
                Make("EU busy", [425], -10, 500, 500),
                Make("EU congestion", [425], -10, 250, 250),
                Make("EU call waiting", [425], -10, 200, 200, 200, 9000)),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The country codes with a table: CN, US, UK, EU.</summary>
    public static IReadOnlyCollection<string> Countries => Tables.Keys;

    /// <summary>The definition of <paramref name="tone"/> in <paramref name="country"/> (case-insensitive; GB is UK).</summary>
    /// <exception cref="ArgumentException">No table exists for the country.</exception>
    public static ToneDefinition For(string country, CallProgressTone tone)
    {
        ArgumentNullException.ThrowIfNull(country);
        string key = string.Equals(country, "GB", StringComparison.OrdinalIgnoreCase) ? "UK" : country;
        if (!Tables.TryGetValue(key, out var table))
        {
            throw new ArgumentException($"No call-progress tone table for country '{country}'; known: {string.Join(", ", Countries)}.", nameof(country));
        }

        return table.TryGetValue(tone, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(tone), tone, "Unknown call-progress tone.");
    }

    private static FrozenDictionary<CallProgressTone, ToneDefinition> Table(
        ToneDefinition dial, ToneDefinition ringback, ToneDefinition busy, ToneDefinition congestion, ToneDefinition callWaiting) =>
        new Dictionary<CallProgressTone, ToneDefinition>
        {
            [CallProgressTone.Dial] = dial,
            [CallProgressTone.Ringback] = ringback,
            [CallProgressTone.Busy] = busy,
            [CallProgressTone.Congestion] = congestion,
            [CallProgressTone.CallWaiting] = callWaiting,
        }.ToFrozenDictionary();

    // Cadence given as alternating on/off milliseconds, starting with on.
    private static ToneDefinition Make(string name, double[] frequencies, double level, params int[] onOff) =>
        new(name, frequencies, level, [.. onOff.Select((ms, i) => new ToneSegment(ms, i % 2 == 0))]);
}
