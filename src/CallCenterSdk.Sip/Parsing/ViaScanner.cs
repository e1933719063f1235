namespace CallCenterSdk.Sip.Parsing;

/// <summary>Where the parts of one via-parm lie in the buffer.</summary>
internal struct ViaParts
{
    public Segment Protocol;
    public Segment Version;
    public Segment Transport;
    public Segment Host;
    public int Port;
    public Segment Branch;
    public Segment Parameters;
}

/// <summary>
/// Scans one via-parm (RFC 3261 §20.42, §25.1): <c>sent-protocol LWS sent-by *( SEMI via-params )</c>, with the
/// SWS the grammar allows around '/', ':' , ';' and '=' (RFC 4475 §3.1.1.1). Does not allocate.
/// </summary>
internal static class ViaScanner
{
    /// <summary>"sip/2.0/" read as a little-endian 64-bit integer.</summary>
    private const ulong SipTwoZeroSlash = 0x2F302E322F706973UL;

    public static ViaParts Scan(ref SipValueReader r)
    {
        var parts = new ViaParts { Port = -1, Branch = Segment.None, Parameters = Segment.None };
        var b = r.Buffer;
        r.SkipLws();
        var protocolStart = r.Position;
        if (r.End - protocolStart >= 8
            && (System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b[protocolStart..]) | 0x202020UL) == SipTwoZeroSlash)
        {
            // "SIP/2.0/" without white space (OR 0x20 folds only the three letters), then what the general path does
            // after the second '/'.
            parts.Protocol = new Segment(protocolStart, 3);
            parts.Version = new Segment(protocolStart + 4, 3);
            r.Position = protocolStart + 8;
            r.SkipLws();
        }
        else
        {
            parts.Protocol = r.ReadToken("Via protocol name");
            r.Expect((byte)'/', "expected '/' in Via sent-protocol");
            parts.Version = r.ReadToken("Via protocol version");
            r.Expect((byte)'/', "expected '/' in Via sent-protocol");
        }

        parts.Transport = r.ReadToken("Via transport");
        if (!r.NextIsWhitespace())
        {
            r.Fail("expected white space before Via sent-by");
        }

        r.SkipLws();
        var hostStart = r.Position;
        if (r.Peek() == '[')
        {
            while (!r.AtEnd && r.Peek() != ']')
            {
                var c = (byte)r.Peek();
                if (c != '[' && !SipGrammar.IsHex(c) && c is not ((byte)':' or (byte)'.'))
                {
                    r.Fail("malformed IPv6 reference in Via sent-by");
                }

                r.Advance();
            }

            if (r.AtEnd)
            {
                r.Fail("unterminated IPv6 reference in Via sent-by");
            }

            r.Advance();
        }
        else
        {
            var p = hostStart;
            var end = r.End;
            while (p < end && SipGrammar.IsHostChar(b[p]))
            {
                p++;
            }

            r.Position = p;
        }

        if (r.Position == hostStart)
        {
            r.Fail("missing host in Via sent-by");
        }

        parts.Host = new Segment(hostStart, r.Position - hostStart);
        if (r.TrySkip((byte)':'))
        {
            var port = r.ReadUInt32("Via port");
            if (port > 65535)
            {
                r.Fail("Via port exceeds 65535");
            }

            parts.Port = (int)port;
        }

        var before = r.Position;
        while (r.TryReadNextParameter(out var name, out var value))
        {
            if (!parts.Parameters.IsPresent)
            {
                parts.Parameters = new Segment(before, 0);
            }

            if (SipGrammar.EqualsLetters(b.Slice(name.Start, name.Length), "branch"u8))
            {
                if (!value.IsPresent || b[value.Start] == '"')
                {
                    r.Fail("Via branch must be a token");
                }

                parts.Branch = value;
            }
        }

        if (parts.Parameters.IsPresent)
        {
            parts.Parameters = new Segment(parts.Parameters.Start, r.Position - parts.Parameters.Start);
        }

        return parts;
    }
}
