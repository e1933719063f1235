using System.Buffers;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Uris;

/// <summary>
/// Scans and builds URIs from bytes. <see cref="Validate"/> checks syntax without allocating (used while a message
/// is parsed); <see cref="Parse"/> also builds the object. Grammar: RFC 3261 §25.1 SIP-URI, RFC 3966 telephone-uri,
/// RFC 3986 absolute-URI for other schemes.
/// </summary>
internal static class SipUriParser
{
    private enum Kind
    {
        Sip,
        Sips,
        Tel,
        Absolute,
    }

    private ref struct Parts
    {
        public Kind Kind;
        public Segment Scheme;
        public Segment User;
        public Segment Password;
        public Segment Host;
        public int Port;
        public Segment Parameters;
        public Segment Headers;
        public Segment Rest;
    }

    /// <summary>"sip:" read as a little-endian 32-bit integer.</summary>
    private const uint SipColon = 's' | ('i' << 8) | ('p' << 16) | (':' << 24);

    public static void Validate(ReadOnlySpan<byte> buffer, int start, int end, UriContext context, int baseOffset = 0) =>
        Scan(buffer, start, end, context, baseOffset, out _);

    public static AddressUri Parse(ReadOnlySpan<byte> buffer, int start, int end, UriContext context, int baseOffset = 0)
    {
        Scan(buffer, start, end, context, baseOffset, out var p);
        switch (p.Kind)
        {
            case Kind.Sip:
            case Kind.Sips:
                return new SipUri(
                    p.Kind == Kind.Sips ? SipUriScheme.Sips : SipUriScheme.Sip,
                    p.User.IsPresent ? SipText.Unescape(p.User.Of(buffer), baseOffset + p.User.Start) : null,
                    SipText.Utf8(p.Host.Of(buffer)),
                    p.Port < 0 ? null : p.Port,
                    ReadParameters(buffer, p.Parameters, (byte)';', baseOffset),
                    ReadParameters(buffer, p.Headers, (byte)'&', baseOffset),
                    p.Password.IsPresent ? SipText.Unescape(p.Password.Of(buffer), baseOffset + p.Password.Start) : null);
            case Kind.Tel:
                return new TelUri(SipText.Utf8(p.User.Of(buffer)), ReadParameters(buffer, p.Parameters, (byte)';', baseOffset));
            default:
                return new AbsoluteUri(SipText.Utf8(p.Scheme.Of(buffer)), SipText.Utf8(p.Rest.Of(buffer)));
        }
    }

    private static SipParameters ReadParameters(ReadOnlySpan<byte> buffer, Segment region, byte separator, int baseOffset)
    {
        if (!region.IsPresent || region.Length == 0)
        {
            return SipParameters.Empty;
        }

        var list = new List<SipParameter>(4);
        var span = region.Of(buffer);
        var pos = 0;
        while (pos < span.Length)
        {
            // The region starts after the first separator; each item is name[=value] up to the next separator.
            var next = span[pos..].IndexOf(separator);
            var item = next < 0 ? span[pos..] : span.Slice(pos, next);
            var eq = item.IndexOf((byte)'=');
            var at = baseOffset + region.Start + pos;
            list.Add(eq < 0
                ? new SipParameter(SipText.Unescape(item, at), null)
                : new SipParameter(SipText.Unescape(item[..eq], at), SipText.Unescape(item[(eq + 1)..], at + eq + 1)));
            pos = next < 0 ? span.Length : pos + next + 1;
        }

        return new SipParameters(list);
    }

    private static void Scan(ReadOnlySpan<byte> b, int start, int end, UriContext context, int baseOffset, out Parts parts)
    {
        parts = default;
        parts.Port = -1;
        parts.User = Segment.None;
        parts.Password = Segment.None;
        parts.Parameters = Segment.None;
        parts.Headers = Segment.None;

        var p = start;
        if (p >= end)
        {
            Fail("empty URI", p, baseOffset);
        }

        if (!SipGrammar.IsAlpha(b[p]))
        {
            Fail(b[p] == '<' ? "URI must not be enclosed in <> here" : SipGrammar.IsWhitespace(b[p]) ? "white space in URI" : "URI does not start with a scheme", p, baseOffset);
        }

        // Nearly every URI is "sip:": one 4-byte compare (OR 0x20 folds only the three letters; ':' must match exactly).
        if (end - p >= 4 && (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b[p..]) | 0x00202020) == SipColon)
        {
            p += 3;
            parts.Kind = Kind.Sip;
            parts.Scheme = new Segment(start, 3);
        }
        else
        {
            while (p < end && (SipGrammar.IsAlpha(b[p]) || SipGrammar.IsDigit(b[p]) || b[p] is (byte)'+' or (byte)'-' or (byte)'.'))
            {
                p++;
            }

            if (p >= end || b[p] != ':')
            {
                Fail("URI scheme not followed by ':'", p, baseOffset);
            }

            parts.Scheme = new Segment(start, p - start);
            var scheme = parts.Scheme.Of(b);
            parts.Kind = System.Text.Ascii.EqualsIgnoreCase(scheme, "sip"u8) ? Kind.Sip
                : System.Text.Ascii.EqualsIgnoreCase(scheme, "sips"u8) ? Kind.Sips
                : System.Text.Ascii.EqualsIgnoreCase(scheme, "tel"u8) ? Kind.Tel
                : Kind.Absolute;
        }

        p++;
        parts.Rest = new Segment(p, end - p);

        switch (parts.Kind)
        {
            case Kind.Absolute:
                ScanOpaque(b, p, end, baseOffset);
                return;
            case Kind.Tel:
                ScanTel(b, p, end, context, baseOffset, ref parts);
                return;
        }

        var at = SipGrammar.IndexOf(b, p, end, (byte)'@');
        if (at >= 0)
        {

            // The user run stops at the password's ':' or at '@' (neither is a user character); anything else is
            // an invalid character in the user part.
            var userEnd = ScanEscapedRun(b, p, at, SipGrammar.UserMask, SipGrammar.UserRun, "user part of URI", baseOffset);
            var hasPassword = userEnd < at && b[userEnd] == ':';
            if (userEnd < at && !hasPassword)
            {
                Fail(SipGrammar.IsWhitespace(b[userEnd]) ? "white space in user part of URI" : "invalid character in user part of URI", userEnd, baseOffset);
            }

            if (userEnd == p)
            {
                Fail("empty user part in URI", p, baseOffset);
            }

            parts.User = new Segment(p, userEnd - p);
            if (hasPassword)
            {
                ScanEscaped(b, userEnd + 1, at, SipGrammar.PasswordMask, SipGrammar.PasswordRun, "password of URI", baseOffset);
                parts.Password = new Segment(userEnd + 1, at - userEnd - 1);
            }

            p = at + 1;
        }

        // host = hostname / IPv4address / IPv6reference
        var hostStart = p;
        if (p < end && b[p] == '[')
        {
            p++;
            while (p < end && (SipGrammar.IsHex(b[p]) || b[p] is (byte)':' or (byte)'.'))
            {
                p++;
            }

            if (p >= end || b[p] != ']' || p == hostStart + 1)
            {
                Fail("malformed IPv6 reference in URI", p, baseOffset);
            }

            p++;
        }
        else
        {
            while (p < end && SipGrammar.IsHostChar(b[p]))
            {
                p++;
            }

            if (p == hostStart)
            {
                Fail(p < end && SipGrammar.IsWhitespace(b[p]) ? "white space in URI" : "missing host in URI", p, baseOffset);
            }
        }

        parts.Host = new Segment(hostStart, p - hostStart);
        if (p < end && b[p] == ':')
        {
            p++;
            var portStart = p;
            var port = 0;
            while (p < end && SipGrammar.IsDigit(b[p]) && p - portStart < 6)
            {
                port = (port * 10) + (b[p] - '0');
                p++;
            }

            if (p == portStart || port > 65535 || (p < end && SipGrammar.IsDigit(b[p])))
            {
                Fail("invalid port in URI", portStart, baseOffset);
            }

            parts.Port = port;
        }

        if (p < end && b[p] == ';')
        {
            var paramStart = p + 1;
            while (p < end && b[p] == ';')
            {
                p++;
                p = ScanItem(b, p, end, SipGrammar.ParamMask, SipGrammar.ParamRun, "URI parameter", requireValue: false, baseOffset);
            }

            parts.Parameters = new Segment(paramStart, p - paramStart);
        }

        if (p < end && b[p] == '?')
        {
            if (context == UriContext.RequestUri)
            {
                // RFC 3261 §19.1.1 table 1; RFC 4475 §3.1.2.11
                Fail("headers are not allowed in the Request-URI", p, baseOffset);
            }

            if (context == UriContext.AddrSpec)
            {
                // RFC 3261 §20: a URI with '?' must be enclosed in <>; RFC 4475 §3.1.2.13
                Fail("URI with headers must be enclosed in <>", p, baseOffset);
            }

            var headerStart = p + 1;
            do
            {
                p++;
                p = ScanItem(b, p, end, SipGrammar.HeaderMask, SipGrammar.HeaderRun, "URI header", requireValue: true, baseOffset);
            }
            while (p < end && b[p] == '&');
            parts.Headers = new Segment(headerStart, p - headerStart);
        }

        if (p < end)
        {
            Fail(SipGrammar.IsWhitespace(b[p]) || b[p] is (byte)'\r' or (byte)'\n' ? "white space in URI" : "invalid character in URI", p, baseOffset);
        }
    }

    private static int ScanItem(ReadOnlySpan<byte> b, int p, int end, byte mask, SearchValues<byte> allowed, string what, bool requireValue, int baseOffset)
    {
        var nameStart = p;
        p = ScanEscapedRun(b, p, end, mask, allowed, what, baseOffset);
        if (p == nameStart)
        {
            Fail($"empty {what} name", p, baseOffset);
        }

        if (p < end && b[p] == '=')
        {
            p++;
            var valueStart = p;
            p = ScanEscapedRun(b, p, end, mask, allowed, what, baseOffset);
            if (p == valueStart && !requireValue)
            {
                Fail($"empty {what} value", p, baseOffset);
            }
        }
        else if (requireValue)
        {
            Fail($"{what} without '='", p, baseOffset);
        }

        return p;
    }

    /// <summary>Advances over allowed characters and %HH escapes; returns where the run stops.</summary>
    private static int ScanEscapedRun(ReadOnlySpan<byte> b, int p, int end, byte mask, SearchValues<byte> allowed, string what, int baseOffset)
    {
        // URI parts are short: a class-table loop first (no call per byte), the vectorized search only for long runs.
        var limit = Math.Min(end, p + 24);
        while (p < limit)
        {
            var c = b[p];
            if (c == '%')
            {
                if (p + 2 >= end || !SipGrammar.IsHex(b[p + 1]) || !SipGrammar.IsHex(b[p + 2]))
                {
                    Fail($"invalid %-escape in {what}", p, baseOffset);
                }

                p += 3;
            }
            else if (SipGrammar.IsIn(c, mask))
            {
                p++;
            }
            else
            {
                return p;
            }
        }

        if (p >= end)
        {
            return p;
        }

        var run = b[p..end].IndexOfAnyExcept(allowed);
        var stop = run < 0 ? end : p + run;
        CheckEscapes(b, p, stop, what, baseOffset);
        return stop;
    }

    /// <summary>Requires the whole range to be allowed characters or %HH escapes.</summary>
    private static void ScanEscaped(ReadOnlySpan<byte> b, int p, int end, byte mask, SearchValues<byte> allowed, string what, int baseOffset)
    {
        var stop = ScanEscapedRun(b, p, end, mask, allowed, what, baseOffset);
        if (stop < end)
        {
            Fail(SipGrammar.IsWhitespace(b[stop]) ? $"white space in {what}" : $"invalid character in {what}", stop, baseOffset);
        }
    }

    private static void CheckEscapes(ReadOnlySpan<byte> b, int p, int stop, string what, int baseOffset)
    {
        while (true)
        {
            var pct = b[p..stop].IndexOf((byte)'%');
            if (pct < 0)
            {
                return;
            }

            p += pct;
            if (p + 2 >= stop)
            {
                Fail($"invalid %-escape in {what}", p, baseOffset);
            }

            if (!SipGrammar.IsHex(b[p + 1]) || !SipGrammar.IsHex(b[p + 2]))
            {
                Fail($"invalid %-escape in {what}", p, baseOffset);
            }

            p += 3;
        }
    }

    private static void ScanTel(ReadOnlySpan<byte> b, int p, int end, UriContext context, int baseOffset, ref Parts parts)
    {
        var start = p;
        while (p < end && (SipGrammar.IsHex(b[p]) || b[p] is (byte)'*' or (byte)'#' or (byte)'-' or (byte)'.' or (byte)'(' or (byte)')' || (b[p] == '+' && p == start)))
        {
            p++;
        }

        if (p == start || (p == start + 1 && b[start] == '+'))
        {
            Fail("missing number in tel URI", p, baseOffset);
        }

        parts.User = new Segment(start, p - start);
        if (p < end && b[p] == ';')
        {
            var paramStart = p + 1;
            while (p < end && b[p] == ';')
            {
                p++;
                p = ScanItem(b, p, end, SipGrammar.ParamMask, SipGrammar.ParamRun, "tel URI parameter", requireValue: false, baseOffset);
            }

            parts.Parameters = new Segment(paramStart, p - paramStart);
        }

        if (p < end)
        {
            Fail(context == UriContext.AddrSpec && b[p] == '?' ? "URI with headers must be enclosed in <>" : "invalid character in tel URI", p, baseOffset);
        }
    }

    private static void ScanOpaque(ReadOnlySpan<byte> b, int p, int end, int baseOffset)
    {
        if (p >= end)
        {
            Fail("empty URI after scheme", p, baseOffset);
        }

        for (; p < end; p++)
        {
            var c = b[p];
            if (c <= 0x20 || c >= 0x7F || c is (byte)'<' or (byte)'>' or (byte)'"')
            {
                Fail(c is (byte)' ' or (byte)'\t' ? "white space in URI" : "invalid character in URI", p, baseOffset);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string reason, int position, int baseOffset = 0) => throw new SipParseException(reason, baseOffset + position);
}
