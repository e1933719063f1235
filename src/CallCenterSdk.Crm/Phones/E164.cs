using System.Diagnostics.CodeAnalysis;

namespace CallCenterSdk.Crm.Phones;

/// <summary>
/// Normalises phone numbers as people and SIP trunks write them ("+49 (30) 1234-567", "030 1234567",
/// "0049301234567", "tel:+4930...") to E.164 ("+49301234567"), the form screen pop looks up.
/// </summary>
public static class E164
{
    /// <summary>E.164 §6.1: at most 15 digits including the country code.</summary>
    public const int MaxDigits = 15;

    /// <summary>Shortest number accepted (country code plus a subscriber number).</summary>
    public const int MinDigits = 7;

    /// <summary>Normalises <paramref name="input"/> or throws a <see cref="PhoneNumberFormatException"/> saying why.</summary>
    /// <param name="input">The number as written.</param>
    /// <param name="plan">How national numbers are written in the tenant's country.</param>
    /// <returns>The number as '+' followed by 7 to 15 digits.</returns>
    public static string Normalize(ReadOnlySpan<char> input, DialPlan plan)
    {
        if (!TryNormalize(input, plan, out var e164, out var error))
        {
            throw new PhoneNumberFormatException(error);
        }

        return e164;
    }

    /// <summary>Normalises <paramref name="input"/>; on failure returns false with the reason.</summary>
    /// <param name="input">The number as written.</param>
    /// <param name="plan">How national numbers are written in the tenant's country.</param>
    /// <param name="e164">The normalised number when successful.</param>
    /// <param name="error">Why the input was rejected, with the character offset.</param>
    /// <returns>Whether the input is a valid number.</returns>
    public static bool TryNormalize(ReadOnlySpan<char> input, DialPlan plan, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(plan);
        e164 = null;
        var text = input.Trim();
        var offset = input.Length - input.TrimStart().Length;
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
            offset += 4;
            // RFC 3966 §3: parameters after ';' are not part of the number.
            var semicolon = text.IndexOf(';');
            if (semicolon >= 0)
            {
                text = text[..semicolon];
            }
        }

        if (text.IsEmpty)
        {
            error = "phone number is empty";
            return false;
        }

        Span<char> digits = stackalloc char[MaxDigits + 8];
        var count = 0;
        var international = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                if (count == digits.Length)
                {
                    error = $"phone number has more than {MaxDigits} digits (at offset {offset + i})";
                    return false;
                }

                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !international)
            {
                international = true;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0')
            {
                // Visual separators (RFC 3966 §5.1.1 "visual-separator").
            }
            else
            {
                error = $"phone number has an invalid character '{c}' at offset {offset + i}";
                return false;
            }
        }

        ReadOnlySpan<char> national = digits[..count];
        string full;
        if (international)
        {
            full = new string(national);
        }
        else if (plan.InternationalPrefix.Length > 0 && national.StartsWith(plan.InternationalPrefix, StringComparison.Ordinal))
        {
            full = new string(national[plan.InternationalPrefix.Length..]);
        }
        else if (plan.NationalPrefix.Length > 0)
        {
            if (!national.StartsWith(plan.NationalPrefix, StringComparison.Ordinal))
            {
                error = $"phone number '{text}' has neither '+', the international prefix '{plan.InternationalPrefix}' nor the national prefix '{plan.NationalPrefix}'";
                return false;
            }

            full = string.Concat(plan.CountryCode, national[plan.NationalPrefix.Length..]);
        }
        else
        {
            // NANP-style plans without a trunk prefix: a leading country code is optional.
            full = national.Length > 10 && national.StartsWith(plan.CountryCode, StringComparison.Ordinal)
                ? new string(national)
                : string.Concat(plan.CountryCode, national);
        }

        if (full.Length < MinDigits || full.Length > MaxDigits)
        {
            error = $"phone number '{text}' has {full.Length} digits after normalisation; E.164 allows {MinDigits} to {MaxDigits}";
            return false;
        }

        if (full[0] == '0')
        {
            error = $"phone number '{text}' has a country code starting with 0";
            return false;
        }

        e164 = "+" + full;
        error = null;
        return true;
    }
}
