using CallCenterSdk.Sip.Messages;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>
/// The only exception the SIP parser throws: the input is not a well-formed SIP message (or header value).
/// A server answers it with <c>400 {Reason}</c> (or <see cref="StatusCode"/> when it is more specific, e.g. 505).
/// </summary>
public sealed class SipParseException : Exception
{
    /// <summary>Creates an exception with a reason and no position.</summary>
    public SipParseException()
        : this("malformed SIP message", -1)
    {
    }

    /// <summary>Creates an exception with a reason and no position.</summary>
    /// <param name="reason">Why the input was rejected, short enough for a reason phrase.</param>
    public SipParseException(string reason)
        : this(reason, -1)
    {
    }

    /// <summary>Creates an exception with a reason and no position, wrapping an inner exception.</summary>
    /// <param name="reason">Why the input was rejected.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SipParseException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
        Offset = -1;
        StatusCode = 400;
    }

    /// <summary>Creates an exception with a reason and the byte offset where parsing failed.</summary>
    /// <param name="reason">Why the input was rejected, short enough for a reason phrase.</param>
    /// <param name="offset">Byte offset in the parsed input (from the start of the message), or -1.</param>
    /// <param name="statusCode">The SIP status a server should answer with (400 unless more specific).</param>
    public SipParseException(string reason, int offset, int statusCode = 400)
        : base(offset >= 0 ? $"{reason} (at byte {offset})" : reason)
    {
        Reason = reason;
        Offset = offset;
        StatusCode = statusCode;
    }

    /// <summary>Why the input was rejected; suitable as the reason phrase of a 400 response.</summary>
    public string Reason { get; }

    /// <summary>Byte offset (from the start of the message) where the problem was found, or -1 when unknown.</summary>
    public int Offset { get; }

    /// <summary>The status code a server should answer with: 400, or 505 for an unsupported SIP version.</summary>
    public int StatusCode { get; }

    /// <summary>
    /// When the start line and header index were read but a header value was invalid, the message as far as it
    /// was parsed, so a server can still answer 400 copying Via, From, To, Call-ID and CSeq verbatim
    /// (RFC 3261 §8.2.6). Null when the structure itself was broken.
    /// </summary>
    public SipMessage? PartialMessage { get; internal init; }
}
