using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>
/// Turns bytes into <see cref="SipMessage"/>s. Two entry points, one per transport kind (RFC 3261 §18.3):
/// <see cref="ParseDatagram(ReadOnlyMemory{byte})"/> for a whole UDP datagram (Content-Length optional; octets after
/// the body ignored) and <see cref="TryParseStream"/> for a TCP/TLS read buffer (Content-Length required; returns
/// false while more bytes are needed, Kestrel HttpParser style). The only exception thrown is
/// <see cref="SipParseException"/>.
/// </summary>
public static class SipMessageParser
{
    /// <summary>Largest header section accepted on a stream before the connection is considered broken.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Largest body accepted on a stream.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Whether a datagram is only a keep-alive (CRLF sequences, RFC 5626 §4.4.1) and carries no message.
    /// </summary>
    /// <param name="datagram">The datagram.</param>
    /// <returns>True for an empty or CRLF-only datagram.</returns>
    public static bool IsKeepAlive(ReadOnlySpan<byte> datagram) => datagram.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0;

    /// <summary>
    /// Parses one datagram without copying: the message keeps referring to <paramref name="datagram"/>, which the
    /// caller must not reuse. Offsets in errors count from the start of the datagram.
    /// </summary>
    /// <param name="datagram">The whole datagram.</param>
    /// <returns>A <see cref="SipRequest"/> or <see cref="SipResponse"/>.</returns>
    public static SipMessage ParseDatagram(ReadOnlyMemory<byte> datagram) => Parse(datagram, stream: false);

    /// <summary>Parses one datagram, copying it so the caller may reuse its buffer.</summary>
    /// <param name="datagram">The whole datagram.</param>
    /// <returns>A <see cref="SipRequest"/> or <see cref="SipResponse"/>.</returns>
    public static SipMessage ParseDatagram(ReadOnlySpan<byte> datagram) => Parse(datagram.ToArray(), stream: false);

    /// <summary>
    /// Parses the next message from a stream transport's buffer. Leading CRLFs (keep-alives, RFC 5626 §4.4.1;
    /// RFC 3261 §7.5) are consumed. Returns false when the buffer holds no complete message yet: then
    /// <paramref name="consumed"/> is past any keep-alive CRLFs and <paramref name="examined"/> is the end of the
    /// buffer, ready for <c>PipeReader.AdvanceTo(consumed, examined)</c>. On true, the message is copied out of the
    /// buffer (one array), and <paramref name="consumed"/> = <paramref name="examined"/> = just past its body.
    /// </summary>
    /// <param name="buffer">The bytes read so far.</param>
    /// <param name="message">The message, when true is returned.</param>
    /// <param name="consumed">How far the caller may release the buffer.</param>
    /// <param name="examined">How far the parser looked.</param>
    /// <returns>True when a whole message was parsed.</returns>
    public static bool TryParseStream(in ReadOnlySequence<byte> buffer, out SipMessage? message, out SequencePosition consumed, out SequencePosition examined)
    {
        message = null;
        if (buffer.IsSingleSegment)
        {
            return TryParseSegment(buffer, out message, out consumed, out examined);
        }

        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePastAny((byte)'\r', (byte)'\n');
        consumed = reader.Position;
        examined = buffer.End;
        if (reader.End)
        {
            return false;
        }

        var messageStart = reader.Position;
        var startOffset = reader.Consumed;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: true))
        {
            if (reader.Remaining > MaxHeaderBytes)
            {
                throw new SipParseException("header section too large", (int)startOffset);
            }

            return false;
        }

        if (head.Length > MaxHeaderBytes)
        {
            throw new SipParseException("header section too large", (int)startOffset);
        }

        var headerLength = (int)head.Length + 4;
        var contentLength = FindContentLength(head, (int)startOffset);
        if (contentLength < 0)
        {
            // RFC 3261 §18.3: Content-Length MUST be used with stream-oriented transports.
            throw new SipParseException("missing Content-Length on a stream transport", (int)startOffset);
        }

        if (contentLength > MaxBodyBytes)
        {
            throw new SipParseException("Content-Length too large", (int)startOffset);
        }

        if (reader.Remaining < contentLength)
        {
            return false;
        }

        var total = headerLength + contentLength;
        var bytes = new byte[total];
        buffer.Slice(messageStart, total).CopyTo(bytes);
        message = Parse(bytes, stream: true);
        consumed = examined = buffer.GetPosition(total, messageStart);
        return true;
    }

    /// <summary>The common case of a read that fits in one segment: vectorized span searches, no SequenceReader.</summary>
    private static bool TryParseSegment(in ReadOnlySequence<byte> buffer, out SipMessage? message, out SequencePosition consumed, out SequencePosition examined)
    {
        message = null;
        var span = buffer.FirstSpan;
        var start = span.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        examined = buffer.End;
        if (start < 0)
        {
            consumed = buffer.End;
            return false;
        }

        consumed = buffer.GetPosition(start);
        var headEnd = span[start..].IndexOf("\r\n\r\n"u8);
        if (headEnd < 0 || headEnd > MaxHeaderBytes)
        {
            if (span.Length - start > MaxHeaderBytes)
            {
                throw new SipParseException("header section too large", start);
            }

            return false;
        }

        var contentLength = FindContentLength(new ReadOnlySequence<byte>(buffer.First.Slice(start, headEnd)), start);
        if (contentLength < 0)
        {
            throw new SipParseException("missing Content-Length on a stream transport", start);
        }

        if (contentLength > MaxBodyBytes)
        {
            throw new SipParseException("Content-Length too large", start);
        }

        var total = headEnd + 4 + contentLength;
        if (span.Length - start < total)
        {
            return false;
        }

        message = Parse(span.Slice(start, total).ToArray(), stream: true);
        consumed = examined = buffer.GetPosition(start + total);
        return true;
    }

    /// <summary>Finds Content-Length (or <c>l</c>) in a header section on a stream without building the index.</summary>
    private static int FindContentLength(ReadOnlySequence<byte> head, int baseOffset)
    {
        var rented = head.IsSingleSegment ? null : ArrayPool<byte>.Shared.Rent((int)head.Length);
        try
        {
            ReadOnlySpan<byte> span;
            if (rented is null)
            {
                span = head.FirstSpan;
            }
            else
            {
                head.CopyTo(rented);
                span = rented.AsSpan(0, (int)head.Length);
            }

            var result = -1;
            var pos = span.IndexOf("\r\n"u8);
            while (pos >= 0 && pos < span.Length)
            {
                var lineStart = pos + 2;
                var rest = span[lineStart..];
                var lineEnd = rest.IndexOf("\r\n"u8);

                // A folded value continues on lines that start with white space (RFC 3261 §7.3.1).
                while (lineEnd >= 0 && lineEnd + 2 < rest.Length && SipGrammar.IsWhitespace(rest[lineEnd + 2]))
                {
                    var next = rest[(lineEnd + 2)..].IndexOf("\r\n"u8);
                    lineEnd = next < 0 ? -1 : lineEnd + 2 + next;
                }

                var line = lineEnd < 0 ? rest : rest[..lineEnd];
                var colon = line.IndexOf((byte)':');
                if (colon > 0)
                {
                    var name = line[..colon].TrimEnd(" \t"u8);
                    if (HeaderNames.Classify(name) == HeaderKind.ContentLength)
                    {
                        if (result >= 0)
                        {
                            throw new SipParseException("multiple Content-Length headers", baseOffset + lineStart);
                        }

                        var r = new SipValueReader(span, lineStart + colon + 1, lineStart + line.Length, baseOffset);
                        r.SkipLws();
                        var value = r.ReadUInt32("Content-Length");
                        r.ExpectEnd("Content-Length");
                        result = value > int.MaxValue ? int.MaxValue : (int)value;
                    }
                }

                pos = lineEnd < 0 ? -1 : lineStart + lineEnd;
            }

            return result;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static SipMessage Parse(ReadOnlyMemory<byte> memory, bool stream)
    {
        var b = memory.Span;
        var p = 0;

        // RFC 3261 §7.5: ignore CRLFs before the start line.
        while (p + 1 < b.Length && b[p] == '\r' && b[p + 1] == '\n')
        {
            p += 2;
        }

        if (p >= b.Length)
        {
            throw new SipParseException("empty message", p);
        }

        var message = ParseStartLine(memory, b, ref p);
        try
        {
            var keys = new KeyHeaders();
            p = ParseHeaders(message, b, p, ref keys);
            message.BodyStart = p;

            // Key headers first, so a message rejected for its framing still carries its tags for the 400.
            ValidateEssentials(message, b, ref keys);
            FrameBody(message, b, p, stream);
        }
        catch (SipParseException e) when (e.PartialMessage is null)
        {
            throw new SipParseException(e.Reason, e.Offset, e.StatusCode) { PartialMessage = message };
        }

        return message;
    }

    private static SipMessage ParseStartLine(ReadOnlyMemory<byte> memory, ReadOnlySpan<byte> b, ref int p)
    {
        var start = p;
        // One search finds the line end; a CR or LF that does not start a CRLF is bare (unless no CRLF follows).
        var lineEnd = IndexOfLineBreak(b, p);
        if (lineEnd < 0 || lineEnd + 1 >= b.Length || b[lineEnd] != '\r' || b[lineEnd + 1] != '\n')
        {
            throw b[p..].IndexOf("\r\n"u8) < 0
                ? new SipParseException("start line not terminated by CRLF", p)
                : new SipParseException("bare CR or LF in start line", lineEnd);
        }

        var lineLength = lineEnd - p;
        var line = b.Slice(p, lineLength);

        p += lineLength + 2;
        if (line.Length >= 4 && IsSipSlash(line))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
            var sp = Relative(SipGrammar.IndexOf(b, start, lineEnd, (byte)' '), start);
            if (sp < 0)
            {
                throw new SipParseException("malformed status line", start);
            }

            CheckVersion(line[..sp], start);
            var codeStart = sp + 1;
            if (line.Length < codeStart + 4 || !SipGrammar.IsDigit(line[codeStart]) || !SipGrammar.IsDigit(line[codeStart + 1])
                || !SipGrammar.IsDigit(line[codeStart + 2]) || line[codeStart + 3] != ' ')
            {
                throw new SipParseException("status code must be three digits followed by SP", start + codeStart);
            }

            var code = ((line[codeStart] - '0') * 100) + ((line[codeStart + 1] - '0') * 10) + (line[codeStart + 2] - '0');
            if (code is < 100 or > 699)
            {
                // RFC 3261 §7.2 / RFC 4475 §3.1.2.19
                throw new SipParseException("status code out of range 100-699", start + codeStart);
            }

            var reasonStart = codeStart + 4;
            for (var i = reasonStart; i < line.Length; i++)
            {
                if (line[i] < 0x20 && line[i] != '\t')
                {
                    throw new SipParseException("control character in reason phrase", start + i);
                }
            }

            return new SipResponse(memory, start, code, new Segment(start + reasonStart, line.Length - reasonStart));
        }

        // Request-Line = Method SP Request-URI SP SIP-Version CRLF
        var methodEnd = Relative(SipGrammar.IndexOf(b, start, lineEnd, (byte)' '), start);
        if (methodEnd <= 0)
        {
            throw new SipParseException(methodEnd == 0 ? "request line starts with white space" : "malformed request line", start);
        }

        if (!SipGrammar.IsTokenSpan(line[..methodEnd]))
        {
            throw new SipParseException("invalid character in method", start + line[..methodEnd].IndexOfAnyExcept(TokenBytes));
        }

        var uriStart = methodEnd + 1;
        var uriLength = Relative(SipGrammar.IndexOf(b, start + uriStart, lineEnd, (byte)' '), start + uriStart);
        if (uriLength <= 0)
        {
            // RFC 4475 §3.1.2.9: several SP between elements.
            throw new SipParseException(uriLength == 0 ? "extra white space in request line" : "request line has no SIP version", start + uriStart);
        }

        var versionStart = uriStart + uriLength + 1;
        var version = line[versionStart..];
        if (version.IndexOfAny((byte)' ', (byte)'\t') >= 0)
        {
            // RFC 4475 §3.1.2.8 (LWS in the Request-URI) and §3.1.2.10 (trailing SP).
            throw new SipParseException("white space in Request-URI or after SIP version", start + versionStart + version.IndexOfAny((byte)' ', (byte)'\t'));
        }

        CheckVersion(version, start + versionStart);
        var uri = new Segment(start + uriStart, uriLength);
        SipUriParser.Validate(b, uri.Start, uri.End, UriContext.RequestUri);
        return new SipRequest(memory, start, SipMethod.FromBytes(line[..methodEnd]), uri);
    }

    /// <summary>An absolute index made relative to <paramref name="origin"/>, -1 staying -1.</summary>
    private static int Relative(int index, int origin) => index < 0 ? -1 : index - origin;

    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    /// <summary>"SIP/" as a little-endian 32-bit integer.</summary>
    private const uint SipSlash = 's' | ('i' << 8) | ('p' << 16) | ('/' << 24);

    /// <summary>Whether the span starts with "SIP/" in any case: the three letters fold with 0x20, the '/' must match.</summary>
    private static bool IsSipSlash(ReadOnlySpan<byte> s) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(s) | 0x00202020) == SipSlash;

    private static void CheckVersion(ReadOnlySpan<byte> version, int offset)
    {
        if (version.Length == 7 && IsSipSlash(version) && version[4] == '2' && version[5] == '.' && version[6] == '0')
        {
            return;
        }

        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT: well-formed but other versions get 505 (RFC 4475 §3.1.2.16).
        var dot = version.IndexOf((byte)'.');
        var wellFormed = version.Length > 6 && System.Text.Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8) && dot > 4 && dot < version.Length - 1
            && version[4..dot].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && version[(dot + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        throw wellFormed
            ? new SipParseException("SIP version not supported", offset, 505)
            : new SipParseException("malformed SIP version", offset);
    }

    /// <summary>First and second position of each header transactions and dialogs need, noted while indexing.</summary>
    private struct KeyHeaders
    {
        public int Via;
        public int From;
        public int To;
        public int CallId;
        public int CSeq;
        public int MaxForwards;
        public int Duplicate;
        public HeaderKind DuplicateKind;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Note(HeaderKind kind, int index)
        {
            ref var slot = ref Via;
            switch (kind)
            {
                case HeaderKind.Via:
                    if (Via == 0)
                    {
                        Via = index + 1;
                    }

                    return;
                case HeaderKind.From:
                    slot = ref From;
                    break;
                case HeaderKind.To:
                    slot = ref To;
                    break;
                case HeaderKind.CallId:
                    slot = ref CallId;
                    break;
                case HeaderKind.CSeq:
                    slot = ref CSeq;
                    break;
                case HeaderKind.MaxForwards:
                    slot = ref MaxForwards;
                    break;
                default:
                    return;
            }

            if (slot == 0)
            {
                slot = index + 1;
            }
            else if (Duplicate == 0)
            {
                // RFC 4475 §3.3.8: single-valued headers repeated.
                Duplicate = index + 1;
                DuplicateKind = kind;
            }
        }
    }

    /// <summary>Indexes the header lines from <paramref name="p"/>; returns where the body starts.</summary>
    /// <remarks>The position is a local, not a ref parameter, so the JIT keeps it in a register.</remarks>
    private static int ParseHeaders(SipMessage message, ReadOnlySpan<byte> b, int p, ref KeyHeaders keys)
    {
        while (true)
        {
            if (p + 1 < b.Length && b[p] == '\r' && b[p + 1] == '\n')
            {
                return p + 2;
            }

            if (p >= b.Length)
            {
                // RFC 3261 §7: the empty line is required even without a body (RFC 4475 §3.1.2.15 archive form).
                throw new SipParseException("header section not terminated by an empty line", p);
            }

            var nameStart = p;
            var nameEnd = p;
            var kind = HeaderKind.Unknown;

            // Fast path: one vector search finds the colon; a name equal to a known one is letters and '-' only,
            // so it needs no token check of its own. Anything else takes the byte-by-byte path and its errors.
            var colon = IndexOfColonOrLineBreak(b, p, out var lineBreak);
            if (colon > p && b[colon] == ':')
            {
                nameEnd = colon;
                while (SipGrammar.IsWhitespace(b[nameEnd - 1]) && nameEnd - 1 > nameStart)
                {
                    nameEnd--;
                }

                kind = HeaderNames.Classify(b[nameStart..nameEnd]);
            }

            if (kind != HeaderKind.Unknown)
            {
                p = colon + 1;
            }
            else
            {
                p = ScanHeaderName(b, nameStart, out nameEnd);
                kind = HeaderNames.Classify(b[nameStart..nameEnd]);
                lineBreak = -1;
            }

            // The value runs to the CRLF not followed by SP/HT; folds stay inside it (RFC 3261 §7.3.1).
            var valueStart = -1;
            var lastNonWhite = p;
            while (true)
            {
                // The name search usually saw this line's end already; folded lines search on.
                var segEnd = lineBreak >= p ? lineBreak : IndexOfLineBreak(b, p);
                lineBreak = -1;
                if (segEnd < 0)
                {
                    throw new SipParseException("header line not terminated by CRLF", b.Length);
                }

                // Values usually have one leading space and none trailing: a scalar trim beats a vector call here.
                var first = p;
                while (first < segEnd && SipGrammar.IsWhitespace(b[first]))
                {
                    first++;
                }

                if (first < segEnd)
                {
                    if (valueStart < 0)
                    {
                        valueStart = first;
                    }

                    var last = segEnd;
                    while (SipGrammar.IsWhitespace(b[last - 1]))
                    {
                        last--;
                    }

                    lastNonWhite = last;
                }

                if (b[segEnd] == '\n' || segEnd + 1 >= b.Length || b[segEnd + 1] != '\n')
                {
                    throw new SipParseException("bare CR or LF in header", segEnd);
                }

                p = segEnd + 2;
                if (p < b.Length && SipGrammar.IsWhitespace(b[p]))
                {
                    continue;
                }

                break;
            }

            if (valueStart < 0)
            {
                valueStart = lastNonWhite = p - 2;
            }

            keys.Note(kind, message.HeaderCount);
            message.AddHeader(new HeaderEntry
            {
                NameStart = nameStart,
                NameLength = (ushort)(nameEnd - nameStart),
                ValueStart = valueStart,
                ValueLength = lastNonWhite - valueStart,
                Kind = kind,
            });

            if (kind == HeaderKind.ContentLength)
            {
                if (message.ContentLengthValue >= 0)
                {
                    // RFC 4475 §3.3.9: a framing error.
                    throw new SipParseException("multiple Content-Length headers", nameStart);
                }

                var r = new SipValueReader(b, valueStart, lastNonWhite);
                var v = r.ReadUInt32("Content-Length");
                r.ExpectEnd("Content-Length");
                message.ContentLengthValue = v > int.MaxValue ? int.MaxValue : (int)v;
            }
        }
    }

    /// <summary>
    /// The general header-name path: <c>token *WSP ":"</c> byte by byte, with a precise error. Returns the position
    /// after the colon.
    /// </summary>
    private static int ScanHeaderName(ReadOnlySpan<byte> b, int nameStart, out int nameEnd)
    {
        var p = SipGrammar.SkipTokens(b, nameStart, b.Length);

        if (p == nameStart)
        {
            throw new SipParseException(SipGrammar.IsWhitespace(b[p]) ? "continuation line without a header" : "invalid character in header name", p);
        }

        if (p - nameStart > ushort.MaxValue)
        {
            throw new SipParseException("header name too long", nameStart);
        }

        nameEnd = p;
        while (p < b.Length && SipGrammar.IsWhitespace(b[p]))
        {
            p++;
        }

        if (p >= b.Length || b[p] != ':')
        {
            throw new SipParseException("header name not followed by ':'", p);
        }

        return p + 1;
    }

    /// <summary>
    /// Absolute index of the first ':', CR or LF at or after <paramref name="p"/>, or -1: where a header name ends
    /// when the line is well formed. The same vector load also yields <paramref name="lineBreak"/>, the first CR or LF
    /// in it (-1 if none), which for most lines is where the value ends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfColonOrLineBreak(ReadOnlySpan<byte> b, int p, out int lineBreak)
    {
        lineBreak = -1;
        ref var start = ref MemoryMarshal.GetReference(b);
        if (Vector256.IsHardwareAccelerated && p <= b.Length - Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)p);
            var breaks = (Vector256.Equals(v, Vector256.Create((byte)'\r')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))).ExtractMostSignificantBits();
            var any = breaks | Vector256.Equals(v, Vector256.Create((byte)':')).ExtractMostSignificantBits();
            if (any != 0)
            {
                lineBreak = breaks != 0 ? p + BitOperations.TrailingZeroCount(breaks) : -1;
                return p + BitOperations.TrailingZeroCount(any);
            }
        }

        // Names longer than a vector, or the buffer's last bytes: the general path decides.
        var rel = b[p..].IndexOfAny((byte)':', (byte)'\r', (byte)'\n');
        return rel < 0 ? -1 : p + rel;
    }

    /// <summary>
    /// Absolute index of the first CR or LF at or after <paramref name="p"/>, or -1. Header lines are short, so an
    /// inlined 32-byte compare finds most line ends without the setup of a general vectorized search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfLineBreak(ReadOnlySpan<byte> b, int p)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(b);
            var cr = Vector256.Create((byte)'\r');
            var lf = Vector256.Create((byte)'\n');
            while (p <= b.Length - Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)p);
                var mask = (Vector256.Equals(v, cr) | Vector256.Equals(v, lf)).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return p + BitOperations.TrailingZeroCount(mask);
                }

                p += Vector256<byte>.Count;
            }
        }

        var rel = b[p..].IndexOfAny((byte)'\r', (byte)'\n');
        return rel < 0 ? -1 : p + rel;
    }

    private static void FrameBody(SipMessage message, ReadOnlySpan<byte> b, int bodyStart, bool stream)
    {
        var available = b.Length - bodyStart;
        message.BodyStart = bodyStart;
        if (message.ContentLengthValue < 0)
        {
            if (stream)
            {
                throw new SipParseException("missing Content-Length on a stream transport", bodyStart);
            }

            // RFC 3261 §18.3: without Content-Length, a datagram's body runs to its end.
            message.BodyLength = available;
            return;
        }

        if (message.ContentLengthValue > available)
        {
            // RFC 3261 §18.3 / RFC 4475 §3.1.2.2: over UDP this is an error (400).
            throw new SipParseException($"Content-Length {message.ContentLengthValue} exceeds the {available} body bytes received", bodyStart);
        }

        // Octets past Content-Length in a datagram are discarded (RFC 4475 §3.1.1.8).
        message.BodyLength = message.ContentLengthValue;
    }

    private static void ValidateEssentials(SipMessage message, ReadOnlySpan<byte> b, ref KeyHeaders keys)
    {
        var end = message.BodyStart;

        // RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are mandatory; Max-Forwards is tolerated when absent
        // for RFC 2543 peers (RFC 4475 §3.4.1).
        var via = Require(keys.Via, "Via", end);
        var from = Require(keys.From, "From", end);
        var to = Require(keys.To, "To", end);
        var callId = Require(keys.CallId, "Call-ID", end);
        var cseq = Require(keys.CSeq, "CSeq", end);
        if (keys.Duplicate != 0)
        {
            throw new SipParseException($"multiple {HeaderNames.GetName(keys.DuplicateKind)} headers", message.GetEntry(keys.Duplicate - 1).NameStart);
        }

        // RFC 3261 §20.16, RFC 4475 §3.1.2.4 / §3.1.2.17
        var r = ReaderFor(message, b, cseq);
        r.SkipLws();
        message.CSeqNumberValue = r.ReadUInt32("CSeq number");
        if (!r.NextIsWhitespace())
        {
            r.Fail("CSeq number not followed by white space");
        }

        r.SkipLws();
        var method = r.ReadToken("CSeq method");
        r.ExpectEnd("CSeq");
        if (message is SipRequest request)
        {
            if (!request.Method.NameEquals(r.Slice(method)))
            {
                r.FailAt("CSeq method does not match the request method", method.Start);
            }

            message.CSeqMethodValue = request.Method;
        }
        else
        {
            message.CSeqMethodValue = SipMethod.FromBytes(r.Slice(method));
        }

        r = ReaderFor(message, b, callId);
        r.SkipLws();
        message.CallIdSegment = CallIdReader.Read(ref r);
        r.ExpectEnd("Call-ID");

        r = ReaderFor(message, b, from);
        message.FromTagSegment = NameAddressScanner.Scan(ref r).Tag;
        r.ExpectEnd("From");

        r = ReaderFor(message, b, to);
        message.ToTagSegment = NameAddressScanner.Scan(ref r).Tag;
        r.ExpectEnd("To");

        r = ReaderFor(message, b, via);
        message.BranchSegment = ViaScanner.Scan(ref r).Branch;
        if (!r.TrySkip((byte)','))
        {
            r.ExpectEnd("Via");
        }

        if (keys.MaxForwards != 0)
        {
            var maxForwards = keys.MaxForwards - 1;
            r = ReaderFor(message, b, maxForwards);
            var v = r.ReadUInt32("Max-Forwards");
            r.ExpectEnd("Max-Forwards");
            if (v > 255)
            {
                throw new SipParseException("Max-Forwards exceeds 255", message.GetEntry(maxForwards).ValueStart);
            }

            message.MaxForwardsValue = (int)v;
        }

    }

    private static SipValueReader ReaderFor(SipMessage message, ReadOnlySpan<byte> b, int index)
    {
        ref readonly var e = ref message.GetEntry(index);
        return new SipValueReader(b, e.ValueStart, e.ValueStart + e.ValueLength);
    }

    private static int Require(int slot, string name, int end) =>
        slot != 0 ? slot - 1 : throw new SipParseException($"missing {name} header", end);
}
