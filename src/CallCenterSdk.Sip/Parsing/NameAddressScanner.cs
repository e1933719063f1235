using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>Where the parts of one name-addr / addr-spec value lie in the buffer.</summary>
internal struct NameAddressParts
{
    public Segment DisplayName;
    public bool DisplayNameQuoted;
    public Segment Uri;
    public UriContext UriContext;
    public Segment Parameters;
    public Segment Tag;
}

/// <summary>
/// Scans <c>( name-addr / addr-spec ) *( SEMI param )</c> (RFC 3261 §25.1 from-spec, contact-param, rec-route ...)
/// without allocating, validating the URI and noting the <c>tag</c> parameter.
/// </summary>
internal static class NameAddressScanner
{
    public static NameAddressParts Scan(ref SipValueReader r)
    {
        var parts = new NameAddressParts { DisplayName = Segment.None, Parameters = Segment.None, Tag = Segment.None };
        var b = r.Buffer;
        r.SkipLws();
        var start = r.Position;
        if (r.Peek() == '"')
        {
            parts.DisplayName = r.ReadQuotedString("display name");
            parts.DisplayNameQuoted = true;
            r.SkipLws();
            if (r.Peek() != '<')
            {
                r.Fail("display name not followed by <URI>");
            }
        }
        else if (r.Peek() != '<')
        {
            // display-name = *(token LWS) / quoted-string. Look ahead: tokens then '<' make a name-addr
            // (LWS before '<' is optional in practice, RFC 4475 §3.1.1.6); anything else is an addr-spec.
            var p = start;
            var lastTokenEnd = start;
            while (p < r.End && (SipGrammar.IsToken(b[p]) || b[p] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                if (SipGrammar.IsToken(b[p]))
                {
                    lastTokenEnd = p + 1;
                }

                p++;
            }

            if (p < r.End && b[p] == '<')
            {
                parts.DisplayName = new Segment(start, lastTokenEnd - start);
                r.Position = p;
            }
        }

        if (r.Peek() == '<')
        {
            r.Advance();
            var uriStart = r.Position;
            var close = SipGrammar.IndexOf(b, uriStart, r.End, (byte)'>');
            if (close < 0)
            {
                r.Fail("'<' without matching '>'");
            }

            close -= uriStart;
            parts.Uri = new Segment(uriStart, close);
            parts.UriContext = UriContext.NameAddr;
            SipUriParser.Validate(b, uriStart, uriStart + close, UriContext.NameAddr);
            r.Position = uriStart + close + 1;
        }
        else
        {
            // addr-spec: the URI ends at ';' (header parameters follow), ',' or white space (RFC 3261 §20).
            var p = r.Position;
            while (p < r.End && b[p] is not ((byte)';' or (byte)',' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                p++;
            }

            parts.Uri = new Segment(r.Position, p - r.Position);
            parts.UriContext = UriContext.AddrSpec;
            SipUriParser.Validate(b, r.Position, p, UriContext.AddrSpec);
            r.Position = p;
        }

        var paramStart = -1;
        var before = r.Position;
        while (r.TryReadNextParameter(out var name, out var value))
        {
            if (paramStart < 0)
            {
                paramStart = before;
            }

            if (SipGrammar.EqualsLetters(b.Slice(name.Start, name.Length), "tag"u8))
            {
                if (!value.IsPresent)
                {
                    r.Fail("tag parameter without a value");
                }

                parts.Tag = value;
            }
        }

        if (paramStart >= 0)
        {
            parts.Parameters = new Segment(paramStart, r.Position - paramStart);
        }

        return parts;
    }
}
