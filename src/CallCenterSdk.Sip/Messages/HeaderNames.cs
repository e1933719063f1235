using System.Text;

namespace CallCenterSdk.Sip.Messages;

/// <summary>
/// Header name lookup: case-insensitive (RFC 3261 §7.3.1), long and compact forms (§7.3.3, RFC 3515, 3892,
/// 4028, 6665), and the canonical spelling each known header is written with.
/// </summary>
public static class HeaderNames
{
    private static readonly string[] Canonical =
    [
        string.Empty, "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Max-Forwards", "Content-Type", "Content-Length",
        "Route", "Record-Route", "Expires", "Supported", "Require", "Proxy-Require", "Allow", "Authorization",
        "WWW-Authenticate", "Proxy-Authenticate", "Proxy-Authorization", "Event", "Subscription-State", "Refer-To",
        "Referred-By", "Replaces", "Session-Expires", "User-Agent", "Server", "Reason", "Subject", "Content-Encoding",
        "Allow-Events", "Date", "Timestamp",
    ];

    private static readonly byte[][] CanonicalBytes = [.. Canonical.Select(Encoding.ASCII.GetBytes)];

    private const int MaxLongLength = 20;

    /// <summary>
    /// The candidate kind per (length, first letter &amp; 0x1F) of a long name. Call-ID and Contact share (7, c) and
    /// Refer-To and Replaces share (8, r): the table holds the first of each pair, told apart by one more letter.
    /// </summary>
    private static readonly byte[] CandidateTable = BuildCandidateTable();

    private static byte[] BuildCandidateTable()
    {
        var table = new byte[MaxLongLength << 5];
        for (var k = 1; k < Canonical.Length; k++)
        {
            var name = Canonical[k];
            var slot = (name.Length << 5) | (name[0] & 0x1F);
            if (table[slot] == 0)
            {
                table[slot] = (byte)k;
            }
        }

        table[(7 << 5) | ('c' & 0x1F)] = (byte)HeaderKind.CallId;
        table[(8 << 5) | ('r' & 0x1F)] = (byte)HeaderKind.ReferTo;
        return table;
    }

    /// <summary>The canonical (long form) name of a known header, e.g. <c>Call-ID</c>.</summary>
    /// <param name="kind">The header kind.</param>
    /// <returns>The name; empty for <see cref="HeaderKind.Unknown"/>.</returns>
    public static string GetName(HeaderKind kind) => Canonical[(int)kind];

    internal static ReadOnlySpan<byte> GetNameBytes(HeaderKind kind) => CanonicalBytes[(int)kind];

    /// <summary>Classifies a header name (long or compact form, any case).</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The kind, or <see cref="HeaderKind.Unknown"/>.</returns>
    public static HeaderKind Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> buffer = stackalloc byte[32];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return HeaderKind.Unknown;
        }

        var n = Encoding.ASCII.GetBytes(name, buffer);
        return Classify(buffer[..n]);
    }

    /// <summary>Classifies a header name from its bytes.</summary>
    /// <param name="name">The name bytes.</param>
    /// <returns>The kind, or <see cref="HeaderKind.Unknown"/>.</returns>
    public static HeaderKind Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            // RFC 3261 §7.3.3 compact forms, plus o/r/b/x/u from the extension RFCs.
            return (name[0] | 0x20) switch
            {
                'v' => HeaderKind.Via,
                'f' => HeaderKind.From,
                't' => HeaderKind.To,
                'i' => HeaderKind.CallId,
                'm' => HeaderKind.Contact,
                'l' => HeaderKind.ContentLength,
                'c' => HeaderKind.ContentType,
                'k' => HeaderKind.Supported,
                's' => HeaderKind.Subject,
                'o' => HeaderKind.Event,
                'r' => HeaderKind.ReferTo,
                'b' => HeaderKind.ReferredBy,
                'x' => HeaderKind.SessionExpires,
                'e' => HeaderKind.ContentEncoding,
                'u' => HeaderKind.AllowEvents,
                _ => HeaderKind.Unknown,
            };
        }

        // Dispatch on length and first letter through a table, then one case-insensitive compare.
        if ((uint)(name.Length - 2) >= MaxLongLength - 2)
        {
            return HeaderKind.Unknown;
        }

        var candidate = (HeaderKind)CandidateTable[(name.Length << 5) | (name[0] & 0x1F)];
        if (candidate == HeaderKind.CallId && (name[1] | 0x20) != 'a')
        {
            candidate = HeaderKind.Contact;
        }
        else if (candidate == HeaderKind.ReferTo && (name[2] | 0x20) != 'f')
        {
            candidate = HeaderKind.Replaces;
        }

        return candidate != HeaderKind.Unknown && EqualsFolded(name, CanonicalBytes[(int)candidate])
            ? candidate
            : HeaderKind.Unknown;
    }

    /// <summary>
    /// Case-insensitive compare of a token against a canonical name made of letters and '-', eight bytes at a time:
    /// OR-ing 0x20 lower-cases letters and leaves '-' alone, and no other token character folds onto either.
    /// </summary>
    private static bool EqualsFolded(ReadOnlySpan<byte> name, ReadOnlySpan<byte> canonical)
    {
        if (name.Length != canonical.Length)
        {
            return false;
        }

        var i = 0;
        for (; i + 8 <= name.Length; i += 8)
        {
            var a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name[i..]) | 0x2020202020202020UL;
            var b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(canonical[i..]) | 0x2020202020202020UL;
            if (a != b)
            {
                return false;
            }
        }

        for (; i < name.Length; i++)
        {
            if ((name[i] | 0x20) != (canonical[i] | 0x20))
            {
                return false;
            }
        }

        return true;
    }
}
