namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>
/// A tenant's black, white and VIP lists. Matching: an exact entry beats any prefix; among prefixes the
/// longest wins; for the same number or prefix on several lists, black beats VIP beats white. Lookups cost
/// one dictionary probe per digit of the number.
/// </summary>
public sealed class CallerScreen
{
    private readonly Dictionary<string, CallerListEntry> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallerListEntry> _prefixes = new(StringComparer.Ordinal);
    private int _longestPrefix;

    /// <summary>Creates a screen from entries.</summary>
    public CallerScreen(string id, IEnumerable<CallerListEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(entries);
        Id = id;
        foreach (var entry in entries)
        {
            var map = entry.IsPrefix ? _prefixes : _exact;
            if (!map.TryGetValue(entry.Number, out var existing) || entry.Kind > existing.Kind)
            {
                map[entry.Number] = entry;
            }

            if (entry.IsPrefix)
            {
                _longestPrefix = Math.Max(_longestPrefix, entry.Number.Length);
            }
        }
    }

    /// <summary>The screen's id.</summary>
    public string Id { get; }

    /// <summary>The entry that applies to <paramref name="callerNumber"/>, or null when it is on no list.</summary>
    public CallerListEntry? Classify(string callerNumber)
    {
        ArgumentNullException.ThrowIfNull(callerNumber);

        // Signalled numbers are short; anything longer than 64 characters is on no list.
        if (callerNumber.Length > 64)
        {
            return null;
        }

        // Normalized on the stack and looked up by span, so screening a call allocates nothing.
        Span<char> buffer = stackalloc char[callerNumber.Length];
        ReadOnlySpan<char> number = buffer[..CallerNumber.Normalize(callerNumber, buffer)];
        if (number.IsEmpty)
        {
            return null;
        }

        if (_exact.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(number, out var exact))
        {
            return exact;
        }

        var lookup = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int length = Math.Min(number.Length, _longestPrefix); length > 0; length--)
        {
            if (lookup.TryGetValue(number[..length], out var prefix))
            {
                return prefix;
            }
        }

        return null;
    }
}
