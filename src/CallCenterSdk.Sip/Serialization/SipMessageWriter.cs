using System.Buffers;
using System.Buffers.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Serialization;

/// <summary>
/// Writes a message in canonical form into an <see cref="IBufferWriter{T}"/>: start line, each header as
/// <c>Name: value</c> with its long name (compact forms expanded, RFC 3261 §7.3.3), folds replaced by one SP,
/// unknown headers kept verbatim, and a Content-Length equal to the body length. One GetSpan, no allocation.
/// </summary>
internal static class SipMessageWriter
{
    private const int LongestCanonicalName = 19;

    public static void Write(SipMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        var b = message.Buffer;

        // Upper bound: start line + each header at most name + ": " + value + CRLF + Content-Length line + body.
        var size = message.StartLineLength + 2 + 2 + 32 + message.BodyLength;
        for (var i = 0; i < message.HeaderCount; i++)
        {
            ref readonly var e = ref message.GetEntry(i);
            size += Math.Max((int)e.NameLength, LongestCanonicalName) + 2 + e.ValueLength + 2;
        }

        var span = writer.GetSpan(size);
        var n = message.WriteStartLine(span);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        var wroteLength = false;
        for (var i = 0; i < message.HeaderCount; i++)
        {
            ref readonly var e = ref message.GetEntry(i);
            if (e.Kind == HeaderKind.ContentLength)
            {
                if (wroteLength)
                {
                    continue;
                }

                n += WriteContentLength(span[n..], message.BodyLength);
                wroteLength = true;
                continue;
            }

            var name = e.Kind == HeaderKind.Unknown ? b.Slice(e.NameStart, e.NameLength) : HeaderNames.GetNameBytes(e.Kind);
            name.CopyTo(span[n..]);
            n += name.Length;
            span[n++] = (byte)':';
            span[n++] = (byte)' ';
            n += SipText.Unfold(b.Slice(e.ValueStart, e.ValueLength), span[n..]);
            span[n++] = (byte)'\r';
            span[n++] = (byte)'\n';
        }

        if (!wroteLength)
        {
            n += WriteContentLength(span[n..], message.BodyLength);
        }

        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        message.Body.Span.CopyTo(span[n..]);
        n += message.BodyLength;
        writer.Advance(n);
    }

    private static int WriteContentLength(Span<byte> span, int length)
    {
        "Content-Length: "u8.CopyTo(span);
        var n = 16;
        Utf8Formatter.TryFormat(length, span[n..], out var written);
        n += written;
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        return n;
    }
}
