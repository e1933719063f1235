using System.Text;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>
/// A digest challenge as carried in WWW-Authenticate (401) or Proxy-Authenticate (407)
/// (RFC 3261 §22.4, RFC 7616 §3.3).
/// </summary>
public sealed record DigestChallenge
{
    /// <summary>The protection space, for example the tenant's SIP domain.</summary>
    public required string Realm { get; init; }

    /// <summary>The server nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>The hash algorithm; MD5 when the challenge names none.</summary>
    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    /// <summary>Opaque data the client must echo.</summary>
    public string? Opaque { get; init; }

    /// <summary>True when the previous credentials were valid but their nonce expired (RFC 7616 §3.3).</summary>
    public bool Stale { get; init; }

    /// <summary>The quality-of-protection options offered (we support <c>auth</c>); empty for the RFC 2069 form.</summary>
    public IReadOnlyList<string> QopOptions { get; init; } = [];

    /// <summary>True when the server supports hashed user names (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; init; }

    /// <summary>The domain parameter, if any.</summary>
    public string? Domain { get; init; }

    /// <summary>Parses a WWW-Authenticate / Proxy-Authenticate value.</summary>
    /// <exception cref="FormatException">The value is not a well-formed digest challenge; the message says why.</exception>
    public static DigestChallenge Parse(string headerValue)
    {
        if (!TryParse(headerValue, out var challenge, out var error))
        {
            throw new FormatException($"Invalid digest challenge: {error}");
        }

        return challenge;
    }

    /// <summary>Parses a WWW-Authenticate / Proxy-Authenticate value, returning false with a reason when it is malformed.</summary>
    public static bool TryParse(string headerValue, out DigestChallenge challenge, out string? error)
    {
        challenge = null!;
        if (!AuthParameters.TryParse(headerValue, out var scheme, out var p, out error))
        {
            return false;
        }

        if (!string.Equals(scheme, "Digest", StringComparison.OrdinalIgnoreCase))
        {
            error = $"scheme '{scheme}' is not Digest";
            return false;
        }

        if (!p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce))
        {
            error = "realm and nonce are required";
            return false;
        }

        p.TryGetValue("algorithm", out var algorithmToken);
        if (!DigestAlgorithm.TryParse(algorithmToken, out var algorithm))
        {
            error = $"unsupported algorithm '{algorithmToken}'";
            return false;
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Algorithm = algorithm,
            Opaque = p.GetValueOrDefault("opaque"),
            Stale = string.Equals(p.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase),
            QopOptions = p.TryGetValue("qop", out var qop)
                ? qop.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            UserHash = string.Equals(p.GetValueOrDefault("userhash"), "true", StringComparison.OrdinalIgnoreCase),
            Domain = p.GetValueOrDefault("domain"),
        };
        return true;
    }

    /// <summary>Formats the header value: <c>Digest realm="...", nonce="...", ...</c>.</summary>
    public override string ToString()
    {
        var b = new StringBuilder("Digest ");
        AuthParameters.AppendQuoted(b, "realm", Realm);
        if (Domain is not null)
        {
            AuthParameters.AppendQuoted(b, "domain", Domain);
        }

        AuthParameters.AppendQuoted(b, "nonce", Nonce);
        if (Opaque is not null)
        {
            AuthParameters.AppendQuoted(b, "opaque", Opaque);
        }

        if (Stale)
        {
            AuthParameters.AppendToken(b, "stale", "true");
        }

        AuthParameters.AppendToken(b, "algorithm", Algorithm.Name);
        if (QopOptions.Count > 0)
        {
            AuthParameters.AppendQuoted(b, "qop", string.Join(',', QopOptions));
        }

        if (UserHash)
        {
            AuthParameters.AppendToken(b, "userhash", "true");
        }

        return b.ToString();
    }
}
