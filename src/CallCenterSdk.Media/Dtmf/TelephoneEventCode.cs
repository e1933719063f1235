namespace CallCenterSdk.Media.Dtmf;

/// <summary>The DTMF event codes of RFC 4733 §3.2 (0-9, *, #, A-D, flash) and their keypad characters.</summary>
public static class TelephoneEventCode
{
    /// <summary>The event code of '*'.</summary>
    public const byte Star = 10;

    /// <summary>The event code of '#'.</summary>
    public const byte Pound = 11;

    /// <summary>The event code of hook flash.</summary>
    public const byte Flash = 16;

    /// <summary>Converts a keypad character (0-9, *, #, A-D, case-insensitive) to its event code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The character is not a DTMF digit.</exception>
    public static byte FromDigit(char digit) => digit switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => Star,
        '#' => Pound,
        >= 'A' and <= 'D' => (byte)(12 + digit - 'A'),
        >= 'a' and <= 'd' => (byte)(12 + digit - 'a'),
        _ => throw new ArgumentOutOfRangeException(nameof(digit), digit, "Not a DTMF digit (0-9, *, #, A-D)."),
    };

    /// <summary>Converts an event code 0-15 to its keypad character; '!' for flash (16); '\0' for codes that are not DTMF.</summary>
    public static char ToDigit(byte code) => code switch
    {
        <= 9 => (char)('0' + code),
        Star => '*',
        Pound => '#',
        <= 15 => (char)('A' + code - 12),
        Flash => '!',
        _ => '\0',
    };
}
