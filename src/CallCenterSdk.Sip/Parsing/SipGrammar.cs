using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 §25.1 ABNF, as lookup tables over bytes.</summary>
internal static class SipGrammar
{
    private const byte Token = 1;
    private const byte Word = 2;
    private const byte Unreserved = 4;
    private const byte UserChar = 8;     // user-unreserved: & = + $ , ; ? /
    private const byte ParamChar = 16;   // param-unreserved: [ ] / : & + $
    private const byte HeaderChar = 32;  // hnv-unreserved: [ ] / ? : + $
    private const byte PasswordChar = 64; // & = + $ ,
    private const byte HostChar = 128;

    private static readonly byte[] Classes = BuildClasses();

    /// <summary>Class mask of URI user characters (escapes aside), for <see cref="IsIn"/>.</summary>
    public const byte UserMask = Unreserved | UserChar;

    /// <summary>Class mask of URI password characters (escapes aside).</summary>
    public const byte PasswordMask = Unreserved | PasswordChar;

    /// <summary>Class mask of URI parameter characters (escapes aside).</summary>
    public const byte ParamMask = Unreserved | ParamChar;

    /// <summary>Class mask of URI header characters (escapes aside).</summary>
    public const byte HeaderMask = Unreserved | HeaderChar;

    /// <summary>token characters, for vectorized scans.</summary>
    public static readonly SearchValues<byte> TokenChars = Build(Token);

    /// <summary>word characters (Call-ID).</summary>
    public static readonly SearchValues<byte> WordChars = Build(Word);

    /// <summary>Characters of a URI user part, plus '%' (escapes are checked separately).</summary>
    public static readonly SearchValues<byte> UserRun = Build(Unreserved | UserChar, "%");

    /// <summary>Characters of a URI password, plus '%'.</summary>
    public static readonly SearchValues<byte> PasswordRun = Build(Unreserved | PasswordChar, "%");

    /// <summary>Characters of a URI parameter name or value, plus '%'.</summary>
    public static readonly SearchValues<byte> ParamRun = Build(Unreserved | ParamChar, "%");

    /// <summary>Characters of a URI header name or value, plus '%'.</summary>
    public static readonly SearchValues<byte> HeaderRun = Build(Unreserved | HeaderChar, "%");

    /// <summary>hostname / IPv4 characters.</summary>
    public static readonly SearchValues<byte> HostChars = Build(HostChar);

    /// <summary>Characters of an unquoted generic parameter value: token or host (IPv6 included).</summary>
    public static readonly SearchValues<byte> GenericValueChars = Build(Token, ":[]");

    /// <summary>Where a scan through a quoted-string must stop: the closing quote, an escape, or a control character.</summary>
    public static readonly SearchValues<byte> QuotedStop = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\r' or '\n')).Select(c => (byte)c)]);

    private static SearchValues<byte> Build(byte mask, string extra = "")
    {
        var list = new List<byte>();
        for (var c = 0; c < 256; c++)
        {
            if ((Classes[c] & mask) != 0 || extra.Contains((char)c, StringComparison.Ordinal))
            {
                list.Add((byte)c);
            }
        }

        return SearchValues.Create([.. list]);
    }

    private static byte[] BuildClasses()
    {
        var t = new byte[256];
        for (int c = 'a'; c <= 'z'; c++)
        {
            t[c] = Token | Word | Unreserved | HostChar;
            t[c - 32] = Token | Word | Unreserved | HostChar;
        }

        for (int c = '0'; c <= '9'; c++)
        {
            t[c] = Token | Word | Unreserved | HostChar;
        }

        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        foreach (var c in "-.!%*_+`'~"u8)
        {
            t[c] |= Token | Word;
        }

        // word adds ( ) < > : \ DQUOTE / [ ] ? { }
        foreach (var c in "()<>:\\\"/[]?{}"u8)
        {
            t[c] |= Word;
        }

        // unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( )
        foreach (var c in "-_.!~*'()"u8)
        {
            t[c] |= Unreserved;
        }

        foreach (var c in "&=+$,;?/"u8)
        {
            t[c] |= UserChar;
        }

        foreach (var c in "[]/:&+$"u8)
        {
            t[c] |= ParamChar;
        }

        foreach (var c in "[]/?:+$"u8)
        {
            t[c] |= HeaderChar;
        }

        foreach (var c in "&=+$,"u8)
        {
            t[c] |= PasswordChar;
        }

        // hostname chars plus IPv6 reference characters are validated separately.
        t['-'] |= HostChar;
        t['.'] |= HostChar;
        return t;
    }

    public static bool IsToken(byte c) => (Classes[c] & Token) != 0;

    /// <summary>Whether <paramref name="c"/> belongs to any class of <paramref name="mask"/> (a table load, no call).</summary>
    public static bool IsIn(byte c, byte mask) => (Classes[c] & mask) != 0;

    /// <summary>
    /// Index of the first non-token byte in [start, end), or end. Most tokens are short, so a table loop runs first
    /// and the vectorized search only takes over for long ones.
    /// </summary>
    public static int SkipTokens(ReadOnlySpan<byte> b, int start, int end)
    {
        var p = start;
        var limit = Math.Min(end, start + 16);
        while (p < limit && (Classes[b[p]] & Token) != 0)
        {
            p++;
        }

        if (p == limit && p < end)
        {
            var run = b[p..end].IndexOfAnyExcept(TokenChars);
            p = run < 0 ? end : p + run;
        }

        return p;
    }

    /// <summary>Token or host/IPv6 character: what an unquoted generic parameter value may hold.</summary>
    public static bool IsGenericValueChar(byte c) => (Classes[c] & Token) != 0 || c is (byte)':' or (byte)'[' or (byte)']';

    /// <summary>Index of the first non-word byte in [start, end), or end: a table loop, vectorized past 32 bytes.</summary>
    public static int SkipWords(ReadOnlySpan<byte> b, int start, int end)
    {
        var p = start;
        var limit = Math.Min(end, start + 32);
        while (p < limit && (Classes[b[p]] & Word) != 0)
        {
            p++;
        }

        if (p == limit && p < end)
        {
            var run = b[p..end].IndexOfAnyExcept(WordChars);
            p = run < 0 ? end : p + run;
        }

        return p;
    }

    /// <summary>
    /// Absolute index of the first <paramref name="value"/> in [start, end) of a message buffer, or -1. Header parts
    /// are short and the buffer usually continues past them, so one inlined 32-byte compare from
    /// <paramref name="start"/> (matches at or past <paramref name="end"/> ignored) settles most searches without
    /// the call and set-up of a general search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(ReadOnlySpan<byte> b, int start, int end, byte value)
    {
        if (Vector256.IsHardwareAccelerated && start <= b.Length - Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(b), (nuint)start);
            var mask = Vector256.Equals(v, Vector256.Create(value)).ExtractMostSignificantBits();
            if (mask != 0)
            {
                var i = start + BitOperations.TrailingZeroCount(mask);
                return i < end ? i : -1;
            }

            if (end - start <= Vector256<byte>.Count)
            {
                return -1;
            }
        }

        var rel = b[start..end].IndexOf(value);
        return rel < 0 ? -1 : start + rel;
    }

    public static bool IsWord(byte c) => (Classes[c] & Word) != 0;

    public static bool IsUnreserved(byte c) => (Classes[c] & Unreserved) != 0;

    public static bool IsUserChar(byte c) => (Classes[c] & (Unreserved | UserChar)) != 0;

    public static bool IsPasswordChar(byte c) => (Classes[c] & (Unreserved | PasswordChar)) != 0;

    public static bool IsParamChar(byte c) => (Classes[c] & (Unreserved | ParamChar)) != 0;

    public static bool IsHeaderChar(byte c) => (Classes[c] & (Unreserved | HeaderChar)) != 0;

    public static bool IsHostChar(byte c) => (Classes[c] & HostChar) != 0;

    /// <summary>
    /// Case-insensitive equality with a short lower-case name of letters only (a parameter name such as <c>branch</c>):
    /// OR-ing 0x20 folds exactly the upper-case letters onto the lower-case ones, so no call to the general routine.
    /// </summary>
    public static bool EqualsLetters(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerLetters)
    {
        if (s.Length != lowerLetters.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != lowerLetters[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsAlpha(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    public static bool IsHex(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    public static bool IsWhitespace(byte c) => c == (byte)' ' || c == (byte)'\t';

    public static bool IsTokenSpan(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsToken(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsTokenString(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c > 0x7F || !IsToken((byte)c))
            {
                return false;
            }
        }

        return true;
    }

    public static int HexValue(byte c) => IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
