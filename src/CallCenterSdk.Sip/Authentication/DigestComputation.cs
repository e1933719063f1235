using System.Globalization;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>The digest response computation of RFC 7616 §3.4.1 (and RFC 2617 §3.2.2, which SIP uses).</summary>
public static class DigestComputation
{
    /// <summary>HA1 from the password: H(user:realm:password), and for -sess H(that:nonce:cnonce).</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password, string nonce, string? clientNonce)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return SessionHa1(algorithm, algorithm.H($"{username}:{realm}:{password}"), nonce, clientNonce);
    }

    /// <summary>Applies the -sess step to a stored H(user:realm:password), so servers need not keep passwords.</summary>
    public static string SessionHa1(DigestAlgorithm algorithm, string userRealmPasswordHash, string nonce, string? clientNonce)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.IsSession
            ? algorithm.H($"{userRealmPasswordHash}:{nonce}:{clientNonce}")
            : userRealmPasswordHash;
    }

    /// <summary>The response: H(HA1:nonce:nc:cnonce:qop:HA2) with qop, H(HA1:nonce:HA2) without (RFC 2069 form).</summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string method, string uri, string nonce, string? qop, uint nonceCount, string? clientNonce)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var ha2 = algorithm.H($"{method}:{uri}");
        return qop is null
            ? algorithm.H($"{ha1}:{nonce}:{ha2}")
            : algorithm.H($"{ha1}:{nonce}:{nonceCount.ToString("x8", CultureInfo.InvariantCulture)}:{clientNonce}:{qop}:{ha2}");
    }

    /// <summary>The hashed user name of RFC 7616 §3.4.4: H(username:realm).</summary>
    public static string UserHash(DigestAlgorithm algorithm, string username, string realm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.H($"{username}:{realm}");
    }
}
