using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// Case-insensitive compare of a name against a canonical name made of letters and '-', with overlapping
    /// 2/4/8-byte loads: OR-ing 0x20 lower-cases letters and leaves '-' alone, and no byte that can occur in a
    /// name here folds onto either (CR would fold onto '-', but names never hold a line break: callers stop at one).
    /// </summary>
    private static bool EqualsFolded(ReadOnlySpan<byte> name, byte[] canonical)
    {
        var n = name.Length;
        if (n != canonical.Length)
        {
            return false;
        }

        ref var a = ref MemoryMarshal.GetReference(name);
        ref var c = ref MemoryMarshal.GetArrayDataReference(canonical);
        if (n >= 8)
        {
            const ulong Fold = 0x2020202020202020UL;
            var diff = ((Unsafe.ReadUnaligned<ulong>(ref a) | Fold) ^ (Unsafe.ReadUnaligned<ulong>(ref c) | Fold))
                | ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, n - 8)) | Fold) ^ (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref c, n - 8)) | Fold));
            if (n > 16)
            {
                diff |= (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 8)) | Fold) ^ (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref c, 8)) | Fold);
            }

            return diff == 0;
        }

        if (n >= 4)
        {
            const uint Fold = 0x20202020U;
            return (((Unsafe.ReadUnaligned<uint>(ref a) | Fold) ^ (Unsafe.ReadUnaligned<uint>(ref c) | Fold))
                | ((Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, n - 4)) | Fold) ^ (Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref c, n - 4)) | Fold))) == 0;
        }

        // Classify only asks for 2 and 3 here (1 goes through the compact-form switch).
        const ushort Fold2 = 0x2020;
        return (((Unsafe.ReadUnaligned<ushort>(ref a) | Fold2) ^ (Unsafe.ReadUnaligned<ushort>(ref c) | Fold2))
            | ((Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref a, n - 2)) | Fold2) ^ (Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref c, n - 2)) | Fold2))) == 0;
    }
}
