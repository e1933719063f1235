using System.Buffers;
using System.Globalization;
using System.Text;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// Writes a <see cref="SessionDescription"/> as UTF-8 with CRLF line ends, lines in the order of
/// RFC 8866 §5, straight into an <see cref="IBufferWriter{T}"/> (no intermediate strings or arrays).
/// </summary>
internal static class SdpSerializer
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("\r\n\0");

    public static void Write(SessionDescription sd, IBufferWriter<byte> w)
    {
        var o = sd.Origin ?? throw new InvalidOperationException("The session description has no origin (o=).");
        Literal(w, "v=0\r\no="u8);
        Token(w, o.UserName, "o= user name");
        Space(w);
        Token(w, o.SessionId, "o= session id");
        Space(w);
        Number(w, o.SessionVersion);
        Space(w);
        Token(w, o.NetworkType, "o= network type");
        Space(w);
        Token(w, o.AddressType, "o= address type");
        Space(w);
        Token(w, o.Address, "o= address");
        Literal(w, "\r\ns="u8);
        Text(w, sd.SessionName, "s=");
        Crlf(w);
        Optional(w, "i="u8, sd.Information);
        Optional(w, "u="u8, sd.Uri);
        if (sd.EmailList is { } emails)
        {
            foreach (var e in emails)
            {
                Optional(w, "e="u8, e);
            }
        }

        if (sd.PhoneList is { } phones)
        {
            foreach (var p in phones)
            {
                Optional(w, "p="u8, p);
            }
        }

        if (sd.Connection is { } c)
        {
            Connection(w, c);
        }

        Bandwidths(w, sd.BandwidthList);
        if (sd.TimingList is { Count: > 0 } timings)
        {
            foreach (var t in timings)
            {
                Literal(w, "t="u8);
                Number(w, t.StartTime);
                Space(w);
                Number(w, t.StopTime);
                Crlf(w);
                for (var i = 0; i < t.RepeatCount; i++)
                {
                    Optional(w, "r="u8, t.Repeats[i]);
                }
            }
        }
        else
        {
            // RFC 8866 §5.9: t= is mandatory; SIP sessions are unbounded.
            Literal(w, "t=0 0\r\n"u8);
        }

        Optional(w, "z="u8, sd.TimeZones);
        Optional(w, "k="u8, sd.EncryptionKey);
        Attributes(w, sd.AttributeList);
        if (sd.MediaList is { } mediaList)
        {
            foreach (var m in mediaList)
            {
                Media(w, m);
            }
        }
    }

    private static void Media(IBufferWriter<byte> w, MediaDescription m)
    {
        Literal(w, "m="u8);
        Token(w, m.MediaType, "m= media type");
        Space(w);
        if ((uint)m.Port > 65535)
        {
            throw new InvalidOperationException($"m= port {m.Port} is outside 0..65535.");
        }

        Number(w, (ulong)m.Port);
        if (m.PortCount is { } n)
        {
            Literal(w, "/"u8);
            Number(w, (ulong)n);
        }

        Space(w);
        Token(w, m.Protocol, "m= protocol");
        if (m.FormatList is not { Count: > 0 } formats)
        {
            throw new InvalidOperationException("An m= line needs at least one format (RFC 8866 §5.14).");
        }

        foreach (var f in formats)
        {
            Space(w);
            Token(w, f, "m= format");
        }

        Crlf(w);
        Optional(w, "i="u8, m.Information);
        if (m.ConnectionList is { } connections)
        {
            foreach (var c in connections)
            {
                Connection(w, c);
            }
        }

        Bandwidths(w, m.BandwidthList);
        Optional(w, "k="u8, m.EncryptionKey);
        Attributes(w, m.AttributeList);
    }

    private static void Connection(IBufferWriter<byte> w, SdpConnection c)
    {
        Literal(w, "c="u8);
        Token(w, c.NetworkType, "c= network type");
        Space(w);
        Token(w, c.AddressType, "c= address type");
        Space(w);
        Token(w, c.Address, "c= address");
        if (c.Ttl is { } ttl)
        {
            Literal(w, "/"u8);
            Number(w, (ulong)ttl);
        }

        if (c.AddressCount is { } count)
        {
            Literal(w, "/"u8);
            Number(w, (ulong)count);
        }

        Crlf(w);
    }

    private static void Bandwidths(IBufferWriter<byte> w, List<SdpBandwidth>? bandwidths)
    {
        if (bandwidths is null)
        {
            return;
        }

        foreach (var b in bandwidths)
        {
            Literal(w, "b="u8);
            Token(w, b.Type, "b= type");
            Literal(w, ":"u8);
            Number(w, b.Value);
            Crlf(w);
        }
    }

    private static void Attributes(IBufferWriter<byte> w, SdpAttributeList? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        // Indexed loops: foreach over a Collection<T> boxes its enumerator, and serialization must not allocate.
        for (var i = 0; i < attributes.Count; i++)
        {
            var a = attributes[i];
            Literal(w, "a="u8);
            Token(w, a.Name, "a= name");
            if (a.Value is not null)
            {
                Literal(w, ":"u8);
                Text(w, a.Value, "a=", a.Name);
            }

            Crlf(w);
        }
    }

    private static void Optional(IBufferWriter<byte> w, ReadOnlySpan<byte> prefix, string? value)
    {
        if (value is null)
        {
            return;
        }

        Literal(w, prefix);
        Text(w, value, "line");
        Crlf(w);
    }

    private static void Token(IBufferWriter<byte> w, string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException($"SDP {what} must be a non-empty value without spaces.");
        }

        Write(w, value, token: true, what, null);
    }

    private static void Text(IBufferWriter<byte> w, string value, string what, string? whatName = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(w, value, token: false, what, whatName);
    }

    private static void Write(IBufferWriter<byte> w, string value, bool token, string what, string? whatName)
    {
        // Fast path: short ASCII values are narrowed and checked in one pass.
        var span = w.GetSpan(value.Length);
        var i = 0;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x80 || c <= '\r' || (token && c == ' '))
            {
                break;
            }

            span[i] = (byte)c;
        }

        if (i == value.Length)
        {
            w.Advance(i);
            return;
        }

        if (value.AsSpan().IndexOfAny(Forbidden) >= 0)
        {
            throw new InvalidOperationException($"SDP {what}{whatName} contains CR, LF or NUL, which cannot be written inside a line.");
        }

        if (token && value.Contains(' ', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"SDP {what} must be a non-empty value without spaces.");
        }

        span = w.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        w.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    private static void Number(IBufferWriter<byte> w, ulong value)
    {
        var span = w.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        w.Advance(written);
    }

    private static void Literal(IBufferWriter<byte> w, ReadOnlySpan<byte> bytes) => w.Write(bytes);

    private static void Space(IBufferWriter<byte> w) => Literal(w, " "u8);

    private static void Crlf(IBufferWriter<byte> w) => Literal(w, "\r\n"u8);
}
