using System.Security.Cryptography;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>
/// The client side of digest authentication: answers a 401/407 challenge with credentials, counting
/// nonce uses (nc) so the same nonce can be reused for later requests (RFC 7616 §3.4).
/// Thread-safe.
/// </summary>
public sealed class DigestClient
{
    private readonly string _username;
    private readonly string _password;
    private readonly object _gate = new();
    private string? _lastNonce;
    private uint _nonceCount;

    /// <summary>Creates a client for one user.</summary>
    public DigestClient(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        _username = username;
        _password = password;
    }

    /// <summary>
    /// Picks the strongest challenge we support from a 401/407 (RFC 8760 §2.4: a client uses the first
    /// algorithm it supports in the server's order of preference) and answers it.
    /// </summary>
    public DigestCredentials Answer(IEnumerable<DigestChallenge> challenges, string method, string uri)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        var first = challenges.FirstOrDefault()
            ?? throw new ArgumentException("At least one challenge is needed.", nameof(challenges));
        return Answer(first, method, uri);
    }

    /// <summary>Answers one challenge for a request with <paramref name="method"/> to <paramref name="uri"/>.</summary>
    public DigestCredentials Answer(DigestChallenge challenge, string method, string uri)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var useQop = challenge.QopOptions.Any(q => string.Equals(q, "auth", StringComparison.OrdinalIgnoreCase));
        if (challenge.QopOptions.Count > 0 && !useQop)
        {
            throw new NotSupportedException($"The challenge offers only qop '{string.Join(',', challenge.QopOptions)}'; this client supports 'auth'.");
        }

        uint nc;
        lock (_gate)
        {
            if (!string.Equals(_lastNonce, challenge.Nonce, StringComparison.Ordinal))
            {
                _lastNonce = challenge.Nonce;
                _nonceCount = 0;
            }

            nc = ++_nonceCount;
        }

        var cnonce = useQop ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : null;
        var qop = useQop ? "auth" : null;
        var ha1 = DigestComputation.Ha1(challenge.Algorithm, _username, challenge.Realm, _password, challenge.Nonce, cnonce);
        return new DigestCredentials
        {
            Username = challenge.UserHash ? DigestComputation.UserHash(challenge.Algorithm, _username, challenge.Realm) : _username,
            UserHash = challenge.UserHash,
            Realm = challenge.Realm,
            Nonce = challenge.Nonce,
            Uri = uri,
            Algorithm = challenge.Algorithm,
            Qop = qop,
            NonceCount = useQop ? nc : 0,
            ClientNonce = cnonce,
            Opaque = challenge.Opaque,
            Response = DigestComputation.Response(challenge.Algorithm, ha1, method, uri, challenge.Nonce, qop, useQop ? nc : 0, cnonce),
        };
    }
}
