using System.Buffers;
using System.Globalization;
using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Building;

/// <summary>
/// Builds requests and responses in canonical form (long header names, <c>Name: value</c>, Content-Length always
/// present and right). <see cref="CreateRequest"/> makes a new out-of-dialog request with a fresh branch, From tag
/// and Call-ID (RFC 3261 §8.1.1); <see cref="CreateResponse"/> answers a request copying what §8.2.6 requires.
/// </summary>
public sealed class SipMessageBuilder
{
    // Build() serializes into this thread's writer and the parser copies the result once: no growing arrays per message.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_writer;

    private const int MaxKeptWriterCapacity = 16 * 1024;

    private readonly List<Line> _headers = new(12);
    private readonly string _startLine;
    private ReadOnlyMemory<byte> _body = ReadOnlyMemory<byte>.Empty;

    private SipMessageBuilder(string startLine) => _startLine = startLine;

    /// <summary>Starts a request.</summary>
    /// <param name="method">The method.</param>
    /// <param name="requestUri">The Request-URI; URI headers are not allowed there (§19.1.1).</param>
    /// <returns>The builder.</returns>
    public static SipMessageBuilder Request(SipMethod method, AddressUri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        if (method.Name.Length == 0)
        {
            throw new ArgumentException("a method is required", nameof(method));
        }

        if (requestUri is SipUri { Headers.Count: > 0 })
        {
            throw new ArgumentException("URI headers are not allowed in a Request-URI (RFC 3261 §19.1.1)", nameof(requestUri));
        }

        return new SipMessageBuilder(method.Name + " " + requestUri + " SIP/2.0");
    }

    /// <summary>Starts a response.</summary>
    /// <param name="statusCode">100-699.</param>
    /// <param name="reasonPhrase">The reason phrase, or null for the default one.</param>
    /// <returns>The builder.</returns>
    public static SipMessageBuilder Response(int statusCode, string? reasonPhrase = null)
    {
        if (statusCode is < 100 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a SIP status code is 100-699");
        }

        reasonPhrase ??= SipStatusCodes.GetReasonPhrase(statusCode);
        CheckValue(reasonPhrase, nameof(reasonPhrase));
        return new SipMessageBuilder("SIP/2.0 " + statusCode.ToString(CultureInfo.InvariantCulture) + " " + reasonPhrase);
    }

    /// <summary>
    /// A new request outside any dialog (RFC 3261 §8.1.1): Via with a new branch and <c>rport</c> (RFC 3581),
    /// Max-Forwards 70, From with a new tag (unless it has one), To, a new Call-ID (unless given), CSeq and Contact.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="requestUri">The Request-URI.</param>
    /// <param name="from">The From address; a tag is added when missing.</param>
    /// <param name="to">The To address (no tag outside a dialog).</param>
    /// <param name="via">Transport and sent-by for the Via; its branch is replaced by a new one.</param>
    /// <param name="sequence">The CSeq number (below 2**31, §8.1.1.5).</param>
    /// <param name="identifiers">Where branch, tag and Call-ID come from.</param>
    /// <param name="contact">The Contact, or null.</param>
    /// <param name="callId">An existing Call-ID (e.g. a REGISTER refresh, §10.2), or null for a new one.</param>
    /// <returns>The builder, to add more headers or a body.</returns>
    public static SipMessageBuilder CreateRequest(
        SipMethod method,
        AddressUri requestUri,
        NameAddress from,
        NameAddress to,
        ViaHeader via,
        uint sequence,
        SipIdentifiers identifiers,
        NameAddress? contact = null,
        string? callId = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(identifiers);
        if (sequence >= 1u << 31)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "the initial CSeq must be below 2**31 (RFC 3261 §8.1.1.5)");
        }

        var parameters = via.Parameters.Without("branch");
        parameters = new SipParameters(new[] { new SipParameter("branch", identifiers.NewBranch()) }.Concat(parameters));
        if (!parameters.Contains("rport"))
        {
            parameters = parameters.With("rport", null);
        }

        var b = Request(method, requestUri)
            .AddHeader(HeaderKind.Via, new ViaHeader(via.Protocol, via.Version, via.Transport, via.Host, via.Port, parameters).ToString())
            .AddHeader(HeaderKind.MaxForwards, "70")
            .AddHeader(HeaderKind.From, (from.Tag is null ? from.WithTag(identifiers.NewTag()) : from).ToString())
            .AddHeader(HeaderKind.To, to.ToString())
            .AddHeader(HeaderKind.CallId, callId ?? identifiers.NewCallId(via.Host.Trim('[', ']').Replace(':', '-')))
            .AddHeader(HeaderKind.CSeq, new CSeqHeader(sequence, method).ToString());
        if (contact is not null)
        {
            b.AddHeader(HeaderKind.Contact, contact.ToString());
        }

        return b;
    }

    /// <summary>
    /// A response to <paramref name="request"/> (RFC 3261 §8.2.6): Via (all, in order), From, Call-ID and CSeq copied
    /// verbatim; To copied with <paramref name="toTag"/> added when it has none; Timestamp copied into 100 Trying
    /// (§8.2.6.1); Record-Route copied into dialog-creating 101-299 responses (§12.1.1). Works on the
    /// <see cref="SipParseException.PartialMessage"/> of a rejected request too, copying whatever was present.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="statusCode">100-699.</param>
    /// <param name="reasonPhrase">The reason phrase, or null for the default.</param>
    /// <param name="toTag">The UAS tag; required unless the status is 100 or To already has a tag.</param>
    /// <returns>The builder, to add more headers or a body.</returns>
    public static SipMessageBuilder CreateResponse(SipMessage request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsRequest)
        {
            throw new ArgumentException("responses answer requests", nameof(request));
        }

        var b = Response(statusCode, reasonPhrase);
        var dialogCreating = statusCode is > 100 and < 300
            && ((SipRequest)request).Method is var m && (m == SipMethod.Invite || m == SipMethod.Subscribe || m == SipMethod.Refer || m == SipMethod.Notify);
        foreach (var h in request.Headers)
        {
            switch (h.Kind)
            {
                case HeaderKind.Via:
                case HeaderKind.From:
                case HeaderKind.CallId:
                case HeaderKind.CSeq:
                    b.Copy(h);
                    break;
                case HeaderKind.To:
                    if (ToTagToAdd(request, statusCode, toTag) is { } tag)
                    {
                        b.AddHeader(HeaderKind.To, h.Value + ";tag=" + tag);
                    }
                    else
                    {
                        b.Copy(h);
                    }

                    break;
                case HeaderKind.Timestamp when statusCode == 100:
                case HeaderKind.RecordRoute when dialogCreating:
                    b.Copy(h);
                    break;
            }
        }

        return b;
    }

    /// <summary>
    /// A CANCEL for a pending request (RFC 3261 §9.1): same Request-URI, Call-ID, From, To and CSeq number as the
    /// request, CSeq method CANCEL, one Via equal to the request's topmost Via (so it matches the same server
    /// transaction), and the request's Route headers.
    /// </summary>
    /// <param name="request">The request to cancel (normally an INVITE).</param>
    /// <returns>The builder.</returns>
    public static SipMessageBuilder CreateCancel(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack || request.Method == SipMethod.Cancel)
        {
            throw new ArgumentException("ACK and CANCEL cannot be cancelled (RFC 3261 §9.1)", nameof(request));
        }

        return CopyForTransaction(request, SipMethod.Cancel, toValue: null);
    }

    /// <summary>
    /// The ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3): Request-URI,
    /// Call-ID, From and CSeq number of the INVITE, To of the response (with its tag), one Via equal to the INVITE's
    /// topmost Via, and the INVITE's Route headers.
    /// </summary>
    /// <param name="invite">The INVITE.</param>
    /// <param name="response">The 300-699 response being acknowledged.</param>
    /// <returns>The builder.</returns>
    public static SipMessageBuilder CreateAckForFailure(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        if (invite.Method != SipMethod.Invite || response.StatusCode < 300)
        {
            throw new ArgumentException("only a 300-699 response to an INVITE is acknowledged by the transaction (RFC 3261 §17.1.1.3)", nameof(response));
        }

        var to = response.IndexOf(HeaderKind.To, 0);
        return CopyForTransaction(invite, SipMethod.Ack, to < 0 ? null : new HeaderField(response, to).Value);
    }

    private static SipMessageBuilder CopyForTransaction(SipRequest request, SipMethod method, string? toValue)
    {
        var b = Request(method, request.RequestUri);
        var via = request.IndexOf(HeaderKind.Via, 0);
        if (via >= 0)
        {
            // Only the topmost via-parm: the one this element added.
            var r = request.ReaderFor(via);
            var top = ViaHeader.Read(ref r);
            b.AddHeader(HeaderKind.Via, top.ToString());
        }

        b.AddHeader(HeaderKind.MaxForwards, "70");
        foreach (var h in request.Headers)
        {
            switch (h.Kind)
            {
                case HeaderKind.From:
                case HeaderKind.CallId:
                case HeaderKind.Route:
                    b.Copy(h);
                    break;
                case HeaderKind.To when toValue is not null:
                    b.AddHeader(HeaderKind.To, toValue);
                    break;
                case HeaderKind.To:
                    b.Copy(h);
                    break;
                case HeaderKind.CSeq:
                    b.AddHeader(HeaderKind.CSeq, new CSeqHeader(request.CSeq.Number, method).ToString());
                    break;
            }
        }

        return b;
    }

    // The tag a response's To gets: null when the request's To has one already, or for a 100 without one (§8.2.6.2).
    private static string? ToTagToAdd(SipMessage request, int statusCode, string? toTag)
    {
        if (request.ToTagBytes.Length > 0 || (statusCode == 100 && toTag is null))
        {
            return null;
        }

        if (toTag is null)
        {
            throw new ArgumentException("a To tag is required in responses other than 100 (RFC 3261 §8.2.6.2)", nameof(toTag));
        }

        if (!SipGrammar.IsTokenString(toTag))
        {
            throw new ArgumentException("a tag is a token", nameof(toTag));
        }

        return toTag;
    }

    // Copies a header of a parsed message under its canonical name: its bytes as received when on one line, else its
    // unfolded text (the builder writes canonical single-line headers).
    private void Copy(HeaderField header)
    {
        var name = HeaderNames.GetName(header.Kind);
        if (header.RawValue.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            _headers.Add(new Line(name, header.Value, default));
        }
        else
        {
            _headers.Add(new Line(name, null, header.RawValueMemory));
        }
    }

    /// <summary>Appends a header line; the name must be a token and the value must not contain CR or LF.</summary>
    /// <param name="name">The header name (written as given).</param>
    /// <param name="value">The value in wire form.</param>
    /// <returns>This builder.</returns>
    public SipMessageBuilder AddHeader(string name, string value)
    {
        if (!SipGrammar.IsTokenString(name ?? string.Empty))
        {
            throw new ArgumentException("a header name is a token", nameof(name));
        }

        CheckValue(value, nameof(value));
        var kind = HeaderNames.Classify(name!);
        if (kind == HeaderKind.ContentLength)
        {
            throw new ArgumentException("Content-Length is computed from the body", nameof(name));
        }

        _headers.Add(new Line(kind == HeaderKind.Unknown ? name! : HeaderNames.GetName(kind), value, default));
        return this;
    }

    /// <summary>Appends a known header by kind.</summary>
    /// <param name="kind">The header kind.</param>
    /// <param name="value">The value in wire form.</param>
    /// <returns>This builder.</returns>
    public SipMessageBuilder AddHeader(HeaderKind kind, string value) =>
        kind == HeaderKind.Unknown ? throw new ArgumentException("give unknown headers by name", nameof(kind)) : AddHeader(HeaderNames.GetName(kind), value);

    /// <summary>Replaces every header of this name (any form) with one line.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public SipMessageBuilder SetHeader(string name, string value)
    {
        RemoveHeaders(name);
        return AddHeader(name, value);
    }

    /// <summary>Removes every header of this name (long or compact form, any case).</summary>
    /// <param name="name">The header name.</param>
    /// <returns>This builder.</returns>
    public SipMessageBuilder RemoveHeaders(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = HeaderNames.Classify(name);
        _headers.RemoveAll(h => kind != HeaderKind.Unknown
            ? HeaderNames.Classify(h.Name) == kind
            : string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    /// <summary>Sets the body and its Content-Type (replacing any earlier Content-Type).</summary>
    /// <param name="contentType">The media type, e.g. <c>application/sdp</c>.</param>
    /// <param name="body">The body bytes (kept as given).</param>
    /// <returns>This builder.</returns>
    public SipMessageBuilder SetBody(string contentType, ReadOnlyMemory<byte> body)
    {
        SetHeader(HeaderNames.GetName(HeaderKind.ContentType), contentType);
        _body = body;
        return this;
    }

    /// <summary>Writes the message: start line, headers in order, Content-Length, empty line, body.</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, _startLine);
        Write(writer, "\r\n");
        foreach (var h in _headers)
        {
            Write(writer, h.Name);
            writer.Write(": "u8);
            if (h.Text is { } text)
            {
                Write(writer, text);
            }
            else
            {
                writer.Write(h.Raw.Span);
            }

            writer.Write("\r\n"u8);
        }

        writer.Write("Content-Length: "u8);
        var digits = writer.GetSpan(11);
        _body.Length.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        writer.Advance(written);
        writer.Write("\r\n\r\n"u8);
        writer.Write(_body.Span);
    }

    /// <summary>Serializes and parses the result, so a built message is exactly what a peer would receive.</summary>
    /// <returns>The message; a <see cref="SipParseException"/> means a header value given was malformed.</returns>
    public SipMessage Build()
    {
        var w = t_writer ??= new ArrayBufferWriter<byte>(1024);
        w.ResetWrittenCount();
        try
        {
            WriteTo(w);
            return SipMessageParser.ParseDatagram(w.WrittenSpan);
        }
        finally
        {
            if (w.Capacity > MaxKeptWriterCapacity)
            {
                t_writer = null; // a large body: do not keep its buffer for this thread's life
            }
        }
    }

    private static void Write(IBufferWriter<byte> writer, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var n = Encoding.UTF8.GetBytes(text, writer.GetSpan(max));
        writer.Advance(n);
    }

    // One header line: a name and either text (given by the caller) or bytes copied from a parsed message.
    private readonly record struct Line(string Name, string? Text, ReadOnlyMemory<byte> Raw);

    private static void CheckValue(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            // A CR or LF would end the header line and let the value inject headers of its own.
            throw new ArgumentException("header values must not contain CR or LF", paramName);
        }
    }
}
