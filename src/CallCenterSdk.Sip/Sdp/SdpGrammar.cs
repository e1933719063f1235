namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// Small grammar pieces of RFC 8866 §9 shared by the parser (over bytes) and the typed attribute views
/// (over chars). Every method is total: it reports failure instead of throwing.
/// </summary>
internal static class SdpGrammar
{
    /// <summary>Parses 1..20 ASCII digits into a value no larger than <paramref name="max"/>.</summary>
    public static bool TryParseUInt(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            if (value > (max - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <inheritdoc cref="TryParseUInt(ReadOnlySpan{char}, ulong, out ulong)"/>
    public static bool TryParseUInt(ReadOnlySpan<byte> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            if (value > (max - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Parses a non-negative integer that fits an <see cref="int"/>.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> text, int max, out int value)
    {
        var ok = TryParseUInt(text, (ulong)max, out var v);
        value = (int)v;
        return ok;
    }

    /// <summary>Splits the next space-separated field off <paramref name="rest"/>; false when nothing is left.</summary>
    public static bool NextField(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> field)
    {
        rest = rest.TrimStart(' ');
        if (rest.IsEmpty)
        {
            field = default;
            return false;
        }

        var space = rest.IndexOf(' ');
        if (space < 0)
        {
            field = rest;
            rest = default;
        }
        else
        {
            field = rest[..space];
            rest = rest[(space + 1)..];
        }

        return true;
    }

    /// <summary>Parses a packet time (<c>ptime</c>/<c>maxptime</c>): digits with an optional fraction (RFC 8866 §6.4).</summary>
    public static bool TryParsePacketTime(ReadOnlySpan<char> text, out double milliseconds)
    {
        milliseconds = 0;
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        if (!TryParseUInt(whole, 1_000_000, out var w))
        {
            return false;
        }

        double value = w;
        if (dot >= 0)
        {
            var fraction = text[(dot + 1)..];
            if (fraction.IsEmpty || fraction.Length > 6 || !TryParseUInt(fraction, 999_999, out var f))
            {
                return false;
            }

            value += f / Math.Pow(10, fraction.Length);
        }

        milliseconds = value;
        return true;
    }

    /// <summary>
    /// Checks the value of an attribute the SDK interprets. Returns null when valid, otherwise the reason and
    /// (in <paramref name="errorIndex"/>) the index within <paramref name="value"/> where the problem is.
    /// Attributes the SDK does not interpret are always valid (RFC 8866 §5.13: unknown attributes are ignored).
    /// </summary>
    public static string? Validate(string name, ReadOnlySpan<char> value, bool hasValue, out int errorIndex)
    {
        errorIndex = 0;
        switch (name)
        {
            case "sendrecv" or "sendonly" or "recvonly" or "inactive" or "rtcp-mux":
                return hasValue ? $"a={name} takes no value" : null;
            case "rtpmap":
                return hasValue ? SdpRtpMap.Validate(value, out errorIndex) : "a=rtpmap needs a value";
            case "fmtp":
                return hasValue ? SdpFormatParameters.Validate(value, out errorIndex) : "a=fmtp needs a value";
            case "ptime" or "maxptime":
                return hasValue && TryParsePacketTime(value, out _) ? null : $"a={name} needs a number of milliseconds";
            case "rtcp":
                return hasValue ? SdpRtcp.Validate(value, out errorIndex) : "a=rtcp needs a port";
            case "ssrc":
                return hasValue ? SdpSsrc.Validate(value, out errorIndex) : "a=ssrc needs a value";
            case "mid":
                return hasValue && !value.IsEmpty && !value.Contains(' ') ? null : "a=mid needs an identification tag without spaces";
            case "candidate":
                return hasValue ? SdpCandidate.Validate(value, out errorIndex) : "a=candidate needs a value";
            case "crypto":
                return hasValue ? SdpCrypto.Validate(value, out errorIndex) : "a=crypto needs a value";
            default:
                return null;
        }
    }

    /// <summary>Offset of <paramref name="part"/> inside <paramref name="whole"/> (both views of one buffer).</summary>
    public static int OffsetOf(ReadOnlySpan<char> whole, ReadOnlySpan<char> part)
    {
        if (part.IsEmpty)
        {
            return whole.Length;
        }

        unsafe
        {
            fixed (char* w = whole)
            fixed (char* p = part)
            {
                var offset = (int)(p - w);
                return offset < 0 || offset > whole.Length ? 0 : offset;
            }
        }
    }
}
