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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

        return candidate != HeaderKind.Unknown && EqualsFolded(name, candidate)
            ? candidate
            : HeaderKind.Unknown;
    }

    /// <summary>
    /// Case-insensitive compare of a name against the canonical name of <paramref name="kind"/>, which has the same
    /// length, with overlapping 2/4/8-byte loads against pre-folded copies (no pointer chasing through the name
    /// arrays). OR-ing 0x20 lower-cases letters and leaves '-' alone; no byte that can occur in a name here folds onto
    /// either (CR would fold onto '-', but names never hold a line break: callers stop at one).
    /// </summary>
    private static bool EqualsFolded(ReadOnlySpan<byte> name, HeaderKind kind)
    {
        var n = name.Length;
        ref var a = ref MemoryMarshal.GetReference(name);
        var k = (nint)kind;
        var head = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(FoldedHead), k);
        var tail = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(FoldedTail), k);
        if (n >= 8)
        {
            var diff = ((Unsafe.ReadUnaligned<ulong>(ref a) | Fold8) ^ head)
                | ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, n - 8)) | Fold8) ^ tail);
            if (n > 16)
            {
                diff |= (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 8)) | Fold8) ^ Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(FoldedMiddle), k);
            }

            return diff == 0;
        }

        if (n >= 4)
        {
            return (((Unsafe.ReadUnaligned<uint>(ref a) | Fold4) ^ head) | ((Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, n - 4)) | Fold4) ^ tail)) == 0;
        }

        // Classify only asks for 2 and 3 here (1 goes through the compact-form switch).
        return (((uint)(Unsafe.ReadUnaligned<ushort>(ref a) | Fold2) ^ head) | ((uint)(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref a, n - 2)) | Fold2) ^ tail)) == 0;
    }

    private const ulong Fold8 = 0x2020202020202020UL;
    private const uint Fold4 = 0x20202020U;
    private const ushort Fold2 = 0x2020;

    /// <summary>Per kind, the folded first 8 (or 4, or 2) bytes of the canonical name, as <see cref="EqualsFolded"/> loads them.</summary>
    private static readonly ulong[] FoldedHead = BuildFolded(static (c, n) => n >= 8 ? Read(c, 0, 8) : n >= 4 ? Read(c, 0, 4) : Read(c, 0, 2));

    /// <summary>Per kind, the folded last 8 (or 4, or 2) bytes.</summary>
    private static readonly ulong[] FoldedTail = BuildFolded(static (c, n) => n >= 8 ? Read(c, n - 8, 8) : n >= 4 ? Read(c, n - 4, 4) : Read(c, n - 2, 2));

    /// <summary>Per kind, the folded bytes 8-15 (used above 16 bytes).</summary>
    private static readonly ulong[] FoldedMiddle = BuildFolded(static (c, n) => n > 16 ? Read(c, 8, 8) : 0);

    private static ulong[] BuildFolded(Func<byte[], int, ulong> select)
    {
        var table = new ulong[Canonical.Length];
        for (var k = 1; k < Canonical.Length; k++)
        {
            var c = CanonicalBytes[k];
            table[k] = c.Length >= 2 ? select(c, c.Length) : 0;
        }

        return table;
    }

    private static ulong Read(byte[] c, int offset, int count)
    {
        ulong v = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            v = (v << 8) | (byte)(c[offset + i] | 0x20);
        }

        return v;
    }
}
