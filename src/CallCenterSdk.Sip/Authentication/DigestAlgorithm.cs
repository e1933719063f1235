using System.Security.Cryptography;
using System.Text;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>A digest hash algorithm as named in the <c>algorithm</c> parameter (RFC 7616 §3.3, RFC 8760).</summary>
public sealed class DigestAlgorithm
{
    private readonly Func<byte[], byte[]> _hash;

    private DigestAlgorithm(string name, bool session, Func<byte[], byte[]> hash)
    {
        Name = name;
        IsSession = session;
        _hash = hash;
    }

    /// <summary>MD5, the RFC 2617 default (and the default when a challenge names no algorithm).</summary>
    public static DigestAlgorithm Md5 { get; } = new("MD5", false, HashMd5);

    /// <summary>MD5-sess: HA1 also covers the nonce and cnonce.</summary>
    public static DigestAlgorithm Md5Session { get; } = new("MD5-sess", true, HashMd5);

    /// <summary>SHA-256 (RFC 7616, required for SIP by RFC 8760).</summary>
    public static DigestAlgorithm Sha256 { get; } = new("SHA-256", false, SHA256.HashData);

    /// <summary>SHA-256-sess.</summary>
    public static DigestAlgorithm Sha256Session { get; } = new("SHA-256-sess", true, SHA256.HashData);

    /// <summary>SHA-512-256 (RFC 7616, RFC 8760): FIPS 180-4 SHA-512/256.</summary>
    public static DigestAlgorithm Sha512Trunc256 { get; } = new("SHA-512-256", false, Sha512Truncated256.Hash);

    /// <summary>SHA-512-256-sess.</summary>
    public static DigestAlgorithm Sha512Trunc256Session { get; } = new("SHA-512-256-sess", true, Sha512Truncated256.Hash);

    /// <summary>Every algorithm this implementation knows, strongest first.</summary>
    public static IReadOnlyList<DigestAlgorithm> All { get; } = [Sha512Trunc256, Sha512Trunc256Session, Sha256, Sha256Session, Md5, Md5Session];

    /// <summary>The token used in the <c>algorithm</c> parameter.</summary>
    public string Name { get; }

    /// <summary>True for the <c>-sess</c> variants, whose HA1 includes nonce and cnonce.</summary>
    public bool IsSession { get; }

    /// <summary>Finds an algorithm by its token (case-insensitive); an absent token means MD5 (RFC 7616 §3.3).</summary>
    public static bool TryParse(string? token, out DigestAlgorithm algorithm)
    {
        if (string.IsNullOrEmpty(token))
        {
            algorithm = Md5;
            return true;
        }

        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, token, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = Md5;
        return false;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> and returns lower-case hex, as digest's H() does.</summary>
    public string H(string text) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(text)));

    /// <inheritdoc />
    public override string ToString() => Name;

#pragma warning disable CA5351 // MD5 is what RFC 2617/3261 digest requires; SHA-256 is offered first.
    private static byte[] HashMd5(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351
}
