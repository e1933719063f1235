using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Messages;

/// <summary>A SIP response: <c>SIP/2.0 SP Status-Code SP Reason-Phrase</c> (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    internal SipResponse(ReadOnlyMemory<byte> buffer, int start, int statusCode, Segment reason)
        : base(buffer, start)
    {
        StatusCode = statusCode;
        ReasonSegment = reason;
    }

    /// <inheritdoc/>
    public override bool IsRequest => false;

    /// <summary>The status code, 100-699.</summary>
    public int StatusCode { get; }

    internal Segment ReasonSegment { get; }

    /// <summary>The reason phrase (UTF-8, possibly empty, RFC 4475 §3.1.1.12-13).</summary>
    public string ReasonPhrase => GetCached(ReasonSlot, static m => SipText.Utf8(((SipResponse)m).ReasonSegment.Of(m.Buffer)));

    /// <summary>Whether the status is 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    internal override int StartLineLength => 7 + 1 + 3 + 1 + ReasonSegment.Length;

    internal override int WriteStartLine(Span<byte> destination)
    {
        "SIP/2.0 "u8.CopyTo(destination);
        destination[8] = (byte)('0' + (StatusCode / 100));
        destination[9] = (byte)('0' + (StatusCode / 10 % 10));
        destination[10] = (byte)('0' + (StatusCode % 10));
        destination[11] = (byte)' ';
        ReasonSegment.Of(Buffer).CopyTo(destination[12..]);
        return 12 + ReasonSegment.Length;
    }
}
