using System.Globalization;
using System.Net;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Stack;

/// <summary>
/// What a server writes into the top Via of its responses about where the request really came from:
/// <c>received</c> (RFC 3261 §18.2.1, on every transport, when sent-by is a host name or another address;
/// RFC 3581 §4, always when the request asked for <c>rport</c>) and the <c>rport</c> value (RFC 3581 §4).
/// </summary>
internal static class ReceivedParameters
{
    /// <summary>
    /// <paramref name="response"/> to <paramref name="request"/> with <c>received</c> and the <c>rport</c> value set
    /// from <paramref name="source"/> when they are due. The response copies the request's top Via (RFC 3261
    /// §8.2.6.2), so the request's Via, read once for the transaction, says whether anything is to add; only then is
    /// the response's own Via read (a response per call must not parse a Via of its own for nothing).
    /// </summary>
    public static SipResponse AddTo(SipResponse response, SipRequest request, IPEndPoint source) =>
        Wants(request.TopVia, Unmapped(source.Address), out _, out _) ? AddTo(response, source) : response;

    /// <summary>
    /// <paramref name="response"/> with <c>received</c> and the <c>rport</c> value set from <paramref name="source"/>,
    /// or the same instance when its top Via needs neither (or already has them).
    /// </summary>
    public static SipResponse AddTo(SipResponse response, IPEndPoint source)
    {
        var via = response.TopVia;
        var address = Unmapped(source.Address);
        if (!Wants(via, address, out var wantsReceived, out var wantsRPort))
        {
            return response;
        }

        var updated = via;
        if (wantsReceived)
        {
            updated = updated.WithParameter("received", address.ToString());
        }

        if (wantsRPort)
        {
            updated = updated.WithParameter("rport", source.Port.ToString(CultureInfo.InvariantCulture));
        }

        // Our builder writes canonical "Via: " lines; replace the first value of the first one.
        var text = System.Text.Encoding.UTF8.GetString(response.Bytes.Span);
        var line = text.IndexOf("\r\nVia: ", StringComparison.Ordinal);
        if (line < 0)
        {
            return response;
        }

        var start = line + 7;
        var end = text.IndexOf("\r\n", start, StringComparison.Ordinal);
        var comma = text.IndexOf(',', start, end - start);
        var valueEnd = comma >= 0 ? comma : end;
        text = string.Concat(text.AsSpan(0, start), updated.ToString(), text.AsSpan(valueEnd));
        return (SipResponse)SipMessageParser.ParseDatagram(System.Text.Encoding.UTF8.GetBytes(text));
    }

    private static bool Wants(Headers.ViaHeader via, IPAddress address, out bool received, out bool rport)
    {
        received = via.Received is null && (via.HasRPort || !IsAddress(via.Host, address));
        rport = via.HasRPort && via.RPort is null;
        return received || rport;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsAddress(string host, IPAddress address) =>
        // A host name is never "the same address" (§18.2.1); IP literals compare as addresses, not text ("[::1]" = "::1").
        IPAddress.TryParse(host.AsSpan().Trim("[]"), out var sentBy) &&
        (sentBy.IsIPv4MappedToIPv6 ? sentBy.MapToIPv4() : sentBy).Equals(address);
}
