using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>
/// The 100 Trying a server INVITE transaction sends on its own (RFC 3261 §17.2.1), written straight from the
/// request's bytes: Via (all), From, To, Call-ID, CSeq and Timestamp copied in order (§8.2.6), no To tag, and
/// Content-Length 0. The same bytes <c>SipMessageBuilder.CreateResponse(request, 100).Build()</c> makes, without
/// the builder's strings and buffers: one is sent for every call.
/// </summary>
internal static class TryingResponse
{
    private static ReadOnlySpan<byte> StatusLine => "SIP/2.0 100 Trying\r\n"u8;

    private static ReadOnlySpan<byte> EmptyBody => "Content-Length: 0\r\n\r\n"u8;

    public static SipResponse For(SipRequest request)
    {
        var b = request.Buffer;
        var size = StatusLine.Length + EmptyBody.Length;
        for (var i = 0; i < request.HeaderCount; i++)
        {
            ref readonly var e = ref request.GetEntry(i);
            if (IsCopied(e.Kind))
            {
                size += HeaderNames.GetNameBytes(e.Kind).Length + 2 + e.ValueLength + 2;
            }
        }

        // An upper bound: unfolding only ever shortens a value.
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        StatusLine.CopyTo(span);
        var n = StatusLine.Length;
        for (var i = 0; i < request.HeaderCount; i++)
        {
            ref readonly var e = ref request.GetEntry(i);
            if (!IsCopied(e.Kind))
            {
                continue;
            }

            var name = HeaderNames.GetNameBytes(e.Kind);
            name.CopyTo(span[n..]);
            n += name.Length;
            span[n++] = (byte)':';
            span[n++] = (byte)' ';
            n += SipText.Unfold(b.Slice(e.ValueStart, e.ValueLength), span[n..]);
            span[n++] = (byte)'\r';
            span[n++] = (byte)'\n';
        }

        EmptyBody.CopyTo(span[n..]);
        n += EmptyBody.Length;
        return (SipResponse)SipMessageParser.ParseDatagram(bytes.AsMemory(0, n));
    }

    private static bool IsCopied(HeaderKind kind) =>
        kind is HeaderKind.Via or HeaderKind.From or HeaderKind.To or HeaderKind.CallId or HeaderKind.CSeq or HeaderKind.Timestamp;
}
