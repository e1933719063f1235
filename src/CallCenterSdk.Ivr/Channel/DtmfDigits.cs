namespace CallCenterSdk.Ivr.Channel;

/// <summary>The sixteen DTMF symbols (RFC 4733 §3.2 events 0-15).</summary>
public static class DtmfDigits
{
    /// <summary>All valid symbols in event-code order.</summary>
    public const string All = "0123456789*#ABCD";

    /// <summary>True for 0-9, *, #, A-D.</summary>
    public static bool IsValid(char digit) => All.Contains(digit, StringComparison.Ordinal);

    /// <summary>True when every character of <paramref name="digits"/> is a valid symbol.</summary>
    public static bool AreValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (char c in digits)
        {
            if (!IsValid(c))
            {
                return false;
            }
        }

        return true;
    }
}
