using System.Globalization;
using System.Text;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>
/// Digest credentials as carried in Authorization or Proxy-Authorization (RFC 3261 §22.4, RFC 7616 §3.4).
/// </summary>
public sealed record DigestCredentials
{
    /// <summary>The user name (or its hash when <see cref="UserHash"/> is true).</summary>
    public required string Username { get; init; }

    /// <summary>The realm from the challenge.</summary>
    public required string Realm { get; init; }

    /// <summary>The nonce from the challenge.</summary>
    public required string Nonce { get; init; }

    /// <summary>The digest-uri: the Request-URI of the request, as sent.</summary>
    public required string Uri { get; init; }

    /// <summary>The hex response.</summary>
    public required string Response { get; init; }

    /// <summary>The hash algorithm.</summary>
    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    /// <summary>The client nonce (with qop).</summary>
    public string? ClientNonce { get; init; }

    /// <summary>The chosen qop, <c>auth</c>, or null for the RFC 2069 form.</summary>
    public string? Qop { get; init; }

    /// <summary>The nonce count, 1 for the first use of a nonce (with qop).</summary>
    public uint NonceCount { get; init; }

    /// <summary>The echoed opaque value.</summary>
    public string? Opaque { get; init; }

    /// <summary>True when <see cref="Username"/> is H(username:realm) (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; init; }

    /// <summary>Parses an Authorization / Proxy-Authorization value.</summary>
    /// <exception cref="FormatException">The value is not well-formed digest credentials; the message says why.</exception>
    public static DigestCredentials Parse(string headerValue)
    {
        if (!TryParse(headerValue, out var credentials, out var error))
        {
            throw new FormatException($"Invalid digest credentials: {error}");
        }

        return credentials;
    }

    /// <summary>Parses an Authorization / Proxy-Authorization value, returning false with a reason when it is malformed.</summary>
    public static bool TryParse(string headerValue, out DigestCredentials credentials, out string? error)
    {
        credentials = null!;
        if (!AuthParameters.TryParse(headerValue, out var scheme, out var p, out error))
        {
            return false;
        }

        if (!string.Equals(scheme, "Digest", StringComparison.OrdinalIgnoreCase))
        {
            error = $"scheme '{scheme}' is not Digest";
            return false;
        }

        foreach (var required in (string[])["username", "realm", "nonce", "uri", "response"])
        {
            if (!p.ContainsKey(required))
            {
                error = $"parameter '{required}' is required";
                return false;
            }
        }

        p.TryGetValue("algorithm", out var algorithmToken);
        if (!DigestAlgorithm.TryParse(algorithmToken, out var algorithm))
        {
            error = $"unsupported algorithm '{algorithmToken}'";
            return false;
        }

        var qop = p.GetValueOrDefault("qop");
        uint nc = 0;
        string? cnonce = null;
        if (qop is not null)
        {
            // RFC 7616 §3.4: with qop, cnonce and an 8-hex-digit nc are required.
            if (!p.TryGetValue("nc", out var ncText) || ncText.Length != 8 ||
                !uint.TryParse(ncText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nc))
            {
                error = "qop requires nc as 8 hex digits";
                return false;
            }

            if (!p.TryGetValue("cnonce", out cnonce) || cnonce.Length == 0)
            {
                error = "qop requires a cnonce";
                return false;
            }
        }

        credentials = new DigestCredentials
        {
            Username = p["username"],
            Realm = p["realm"],
            Nonce = p["nonce"],
            Uri = p["uri"],
            Response = p["response"],
            Algorithm = algorithm,
            Qop = qop,
            NonceCount = nc,
            ClientNonce = cnonce,
            Opaque = p.GetValueOrDefault("opaque"),
            UserHash = string.Equals(p.GetValueOrDefault("userhash"), "true", StringComparison.OrdinalIgnoreCase),
        };
        return true;
    }

    /// <summary>Formats the header value: <c>Digest username="...", realm="...", ...</c>.</summary>
    public override string ToString()
    {
        var b = new StringBuilder("Digest ");
        AuthParameters.AppendQuoted(b, "username", Username);
        AuthParameters.AppendQuoted(b, "realm", Realm);
        AuthParameters.AppendQuoted(b, "nonce", Nonce);
        AuthParameters.AppendQuoted(b, "uri", Uri);
        AuthParameters.AppendQuoted(b, "response", Response);
        AuthParameters.AppendToken(b, "algorithm", Algorithm.Name);
        if (Qop is not null)
        {
            AuthParameters.AppendToken(b, "qop", Qop);
            AuthParameters.AppendToken(b, "nc", NonceCount.ToString("x8", CultureInfo.InvariantCulture));
            AuthParameters.AppendQuoted(b, "cnonce", ClientNonce ?? string.Empty);
        }

        if (Opaque is not null)
        {
            AuthParameters.AppendQuoted(b, "opaque", Opaque);
        }

        if (UserHash)
        {
            AuthParameters.AppendToken(b, "userhash", "true");
        }

        return b.ToString();
    }
}
