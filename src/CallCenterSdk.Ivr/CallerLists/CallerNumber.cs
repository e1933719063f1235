namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>Caller-number normalization shared by lists and lookups.</summary>
public static class CallerNumber
{
    /// <summary>Keeps digits, a leading '+', '*' and '#'; drops spaces, dashes, dots and parentheses.</summary>
    public static string Normalize(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        Span<char> buffer = number.Length <= 64 ? stackalloc char[number.Length] : new char[number.Length];
        int count = 0;
        foreach (char c in number)
        {
            if (char.IsAsciiDigit(c) || c is '*' or '#' || (c == '+' && count == 0))
            {
                buffer[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return string.Empty;
            }
        }

        return new string(buffer[..count]);
    }
}
