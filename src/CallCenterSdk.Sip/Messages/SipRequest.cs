using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Messages;

/// <summary>A SIP request: <c>Method SP Request-URI SP SIP/2.0</c> (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    internal SipRequest(ReadOnlyMemory<byte> buffer, int start, SipMethod method, Segment requestUri)
        : base(buffer, start)
    {
        Method = method;
        RequestUriSegment = requestUri;
    }

    /// <inheritdoc/>
    public override bool IsRequest => true;

    /// <summary>The method (case-sensitive).</summary>
    public SipMethod Method { get; }

    internal Segment RequestUriSegment { get; }

    /// <summary>The Request-URI bytes as received (validated while parsing).</summary>
    public ReadOnlySpan<byte> RequestUriBytes => RequestUriSegment.Of(Buffer);

    /// <summary>The Request-URI: a <see cref="SipUri"/>, <see cref="TelUri"/> or <see cref="AbsoluteUri"/>.</summary>
    public AddressUri RequestUri => GetCached(RequestUriSlot, static m =>
        SipUriParser.Parse(m.Buffer, ((SipRequest)m).RequestUriSegment.Start, ((SipRequest)m).RequestUriSegment.End, UriContext.RequestUri));

    /// <inheritdoc/>
    public override void Validate()
    {
        _ = RequestUri;
        base.Validate();
    }

    internal override int StartLineLength => Method.Name.Length + 1 + RequestUriSegment.Length + 1 + 7;

    internal override int WriteStartLine(Span<byte> destination)
    {
        var n = System.Text.Encoding.ASCII.GetBytes(Method.Name, destination);
        destination[n++] = (byte)' ';
        RequestUriBytes.CopyTo(destination[n..]);
        n += RequestUriSegment.Length;
        destination[n++] = (byte)' ';
        "SIP/2.0"u8.CopyTo(destination[n..]);
        return n + 7;
    }
}
