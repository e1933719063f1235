namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>Caller-number normalization shared by lists and lookups.</summary>
public static class CallerNumber
{
    /// <summary>Keeps digits, a leading '+', '*' and '#'; drops spaces, dashes, dots and parentheses.</summary>
    public static string Normalize(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        Span<char> buffer = number.Length <= 64 ? stackalloc char[number.Length] : new char[number.Length];
        int count = Normalize(number, buffer);
        return count == 0 ? string.Empty : new string(buffer[..count]);
    }

    /// <summary>
    /// Normalizes <paramref name="number"/> into <paramref name="destination"/> (at least as long) without
    /// allocating; returns the length, or 0 when the number holds characters a phone number cannot.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> number, Span<char> destination)
    {
        int count = 0;
        foreach (char c in number)
        {
            if (char.IsAsciiDigit(c) || c is '*' or '#' || (c == '+' && count == 0))
            {
                destination[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return 0;
            }
        }

        return count;
    }
}
