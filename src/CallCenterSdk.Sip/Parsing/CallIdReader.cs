namespace CallCenterSdk.Sip.Parsing;

/// <summary>Reads <c>callid = word [ "@" word ]</c> (RFC 3261 §25.1).</summary>
internal static class CallIdReader
{
    public static Segment Read(ref SipValueReader r)
    {
        var start = r.Position;
        var word = r.ReadWord("Call-ID");
        if (r.Peek() == '@')
        {
            r.Advance();
            var host = r.ReadWord("Call-ID host part");
            return new Segment(start, host.End - start);
        }

        return word;
    }
}
