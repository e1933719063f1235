using System.Buffers;
using System.Text;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>Decoding and encoding of SIP text forms: quoted strings, %HH escapes and folded header values.</summary>
internal static class SipText
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, false);

    public static string Utf8(ReadOnlySpan<byte> bytes) => StrictUtf8.GetString(bytes);

    /// <summary>Removes quoted-pair escapes from the inside of a quoted-string (RFC 3261 §25.1).</summary>
    public static string Unquote(ReadOnlySpan<byte> inner)
    {
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return Utf8(inner);
        }

        var rented = ArrayPool<byte>.Shared.Rent(inner.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length)
                {
                    i++;
                }

                rented[n++] = inner[i];
            }

            return Utf8(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes <paramref name="text"/> as a quoted-string, escaping quote and backslash.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            // quoted-pair covers every control character except CR and LF (RFC 3261 §25.1).
            if (c is '"' or '\\' || (c < 0x20 && c != '\t') || c == 0x7F)
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Decodes %HH escapes (RFC 3261 §19.1.2) once; never recursively (RFC 4475 §3.1.1.3). Fails on a bad escape.
    /// </summary>
    public static string Unescape(ReadOnlySpan<byte> escaped, int offset)
    {
        if (escaped.IndexOf((byte)'%') < 0)
        {
            return Utf8(escaped);
        }

        var rented = ArrayPool<byte>.Shared.Rent(escaped.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < escaped.Length; i++)
            {
                var c = escaped[i];
                if (c == '%')
                {
                    if (i + 2 >= escaped.Length)
                    {
                        throw new SipParseException("truncated %-escape in URI", offset + i);
                    }

                    if (!SipGrammar.IsHex(escaped[i + 1]) || !SipGrammar.IsHex(escaped[i + 2]))
                    {
                        throw new SipParseException("invalid %-escape in URI", offset + i);
                    }

                    c = (byte)((SipGrammar.HexValue(escaped[i + 1]) << 4) | SipGrammar.HexValue(escaped[i + 2]));
                    i += 2;
                }

                rented[n++] = c;
            }

            return Utf8(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>%-escapes every byte of the UTF-8 form of <paramref name="text"/> that <paramref name="allowed"/> rejects.</summary>
    public static void AppendEscaped(StringBuilder sb, string text, Func<byte, bool> allowed)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < n; i++)
            {
                var b = utf8[i];
                if (b < 0x80 && allowed(b))
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
                }
            }
        }
    }

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);

    /// <summary>Turns a raw header value into text: each fold (CRLF followed by white space) becomes one SP.</summary>
    public static string Unfold(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return Utf8(raw);
        }

        var rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var n = Unfold(raw, rented);
            return Utf8(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Copies <paramref name="raw"/> to <paramref name="destination"/> replacing folds by one SP; returns bytes written.</summary>
    public static int Unfold(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is (byte)'\r' or (byte)'\n')
            {
                // RFC 3261 §7.3.1: a fold is replaced with a single SP; drop the surrounding white space too.
                while (n > 0 && SipGrammar.IsWhitespace(destination[n - 1]))
                {
                    n--;
                }

                while (i + 1 < raw.Length && (raw[i + 1] is (byte)'\r' or (byte)'\n' || SipGrammar.IsWhitespace(raw[i + 1])))
                {
                    i++;
                }

                destination[n++] = (byte)' ';
                continue;
            }

            destination[n++] = c;
        }

        return n;
    }
}
