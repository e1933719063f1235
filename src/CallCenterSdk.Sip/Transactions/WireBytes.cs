using System.Buffers.Text;
using CallCenterSdk.Sip.Messages;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>
/// The bytes a transaction sends for a message: its canonical form (<see cref="SipMessage.ToArray"/>: long header
/// names, no folds, one right Content-Length). A message already in that form, as every message
/// <c>SipMessageBuilder.Build</c> makes is, is sent from its own buffer instead of being written out again.
/// </summary>
internal static class WireBytes
{
    private const int LongestCheckedStartLine = 1024;

    /// <summary>The canonical bytes of <paramref name="message"/>, without a copy when it is canonical already.</summary>
    public static ReadOnlyMemory<byte> Of(SipMessage message) => IsCanonical(message) ? message.Bytes : message.ToArray();

    /// <summary>Whether the message's bytes are exactly what <see cref="SipMessage.WriteTo"/> would write.</summary>
    public static bool IsCanonical(SipMessage message)
    {
        var b = message.Buffer;
        var length = message.StartLineLength;
        if (length > LongestCheckedStartLine || message.Start + length + 2 > b.Length)
        {
            return false;
        }

        Span<byte> startLine = stackalloc byte[length];
        if (message.WriteStartLine(startLine) != length || !b.Slice(message.Start, length).SequenceEqual(startLine))
        {
            return false;
        }

        var at = message.Start + length;
        if (!IsCrLf(b, at))
        {
            return false;
        }

        at += 2;
        var contentLengths = 0;
        for (var i = 0; i < message.HeaderCount; i++)
        {
            ref readonly var e = ref message.GetEntry(i);
            var name = b.Slice(e.NameStart, e.NameLength);
            if (e.NameStart != at || (e.Kind != HeaderKind.Unknown && !name.SequenceEqual(HeaderNames.GetNameBytes(e.Kind))))
            {
                return false;
            }

            at += e.NameLength;
            if (at + 2 > b.Length || b[at] != (byte)':' || b[at + 1] != (byte)' ' || e.ValueStart != at + 2)
            {
                return false;
            }

            // A fold (CR or LF inside the value) would be written as one SP.
            var value = b.Slice(e.ValueStart, e.ValueLength);
            if (value.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                return false;
            }

            if (e.Kind == HeaderKind.ContentLength &&
                (++contentLengths > 1 || !Utf8Parser.TryParse(value, out int declared, out var used) || used != value.Length || declared != message.BodyLength))
            {
                return false;
            }

            at = e.ValueStart + e.ValueLength;
            if (!IsCrLf(b, at))
            {
                return false;
            }

            at += 2;
        }

        return contentLengths == 1 && IsCrLf(b, at) && at + 2 == message.BodyStart;
    }

    private static bool IsCrLf(ReadOnlySpan<byte> b, int at) => at + 2 <= b.Length && b[at] == (byte)'\r' && b[at + 1] == (byte)'\n';
}
