using System.Security.Cryptography;
using System.Text;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>
/// Looks up H(username:realm:password) for <paramref name="algorithm"/>, or null when the user is unknown.
/// Stores may keep only these hashes, never the password.
/// </summary>
public delegate string? DigestSecretLookup(string realm, string username, DigestAlgorithm algorithm);

/// <summary>
/// The server side of digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): issues challenges
/// and verifies credentials. Pure apart from the clock; one instance serves every realm and tenant.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly DigestNonceService _nonces;
    private readonly DigestSecretLookup _secrets;
    private readonly IReadOnlyList<DigestAlgorithm> _algorithms;

    /// <summary>Creates an authenticator.</summary>
    /// <param name="nonces">The nonce service.</param>
    /// <param name="secrets">Finds a user's H(username:realm:password).</param>
    /// <param name="algorithms">The algorithms to challenge with, one challenge each, preferred first (RFC 8760 §2.4). Defaults to SHA-256 then MD5.</param>
    public DigestAuthenticator(DigestNonceService nonces, DigestSecretLookup secrets, IReadOnlyList<DigestAlgorithm>? algorithms = null)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(secrets);
        _nonces = nonces;
        _secrets = secrets;
        _algorithms = algorithms is { Count: > 0 } ? algorithms : [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];
    }

    /// <summary>
    /// The challenges for a 401/407: one header value per algorithm, preferred first, all with
    /// <c>qop="auth"</c> and a fresh nonce.
    /// </summary>
    public IReadOnlyList<DigestChallenge> CreateChallenges(string realm, bool stale = false)
    {
        var nonce = _nonces.Create(realm);
        var opaque = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(realm)).AsSpan(0, 8));
        var challenges = new DigestChallenge[_algorithms.Count];
        for (var i = 0; i < challenges.Length; i++)
        {
            challenges[i] = new DigestChallenge
            {
                Realm = realm,
                Nonce = nonce,
                Algorithm = _algorithms[i],
                Opaque = opaque,
                Stale = stale,
                QopOptions = ["auth"],
            };
        }

        return challenges;
    }

    /// <summary>
    /// Verifies credentials sent on a request with <paramref name="method"/> in <paramref name="realm"/>.
    /// When <paramref name="requestUri"/> is given, the digest-uri must equal it.
    /// </summary>
    public DigestVerification Verify(DigestCredentials credentials, string method, string realm, string? requestUri = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!string.Equals(credentials.Realm, realm, StringComparison.Ordinal))
        {
            return DigestVerification.WrongRealm;
        }

        if (!_algorithms.Contains(credentials.Algorithm) ||
            (credentials.Qop is not null && !string.Equals(credentials.Qop, "auth", StringComparison.OrdinalIgnoreCase)))
        {
            return DigestVerification.UnsupportedParameters;
        }

        if (requestUri is not null && !string.Equals(credentials.Uri, requestUri, StringComparison.Ordinal))
        {
            return DigestVerification.UriMismatch;
        }

        if (credentials.UserHash)
        {
            // RFC 7616 §3.4.4: userhash needs the server to map hashes back to names; we do not offer it.
            return DigestVerification.UnsupportedParameters;
        }

        var secret = _secrets(realm, credentials.Username, credentials.Algorithm);
        if (secret is null)
        {
            return DigestVerification.UnknownUser;
        }

        var ha1 = DigestComputation.SessionHa1(credentials.Algorithm, secret, credentials.Nonce, credentials.ClientNonce);
        var expected = DigestComputation.Response(credentials.Algorithm, ha1, method, credentials.Uri, credentials.Nonce,
            credentials.Qop, credentials.NonceCount, credentials.ClientNonce);
        if (!CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(expected),
                Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant())))
        {
            // A wrong response with a stale nonce is still a wrong password; only a right one earns stale=true.
            return _nonces.Check(credentials.Nonce, realm, 0) == NonceCheck.Invalid
                ? DigestVerification.InvalidNonce
                : DigestVerification.BadResponse;
        }

        return _nonces.Check(credentials.Nonce, realm, credentials.Qop is null ? 0 : credentials.NonceCount) switch
        {
            NonceCheck.Fresh => DigestVerification.Authenticated,
            NonceCheck.Stale => DigestVerification.StaleNonce,
            NonceCheck.Replayed => DigestVerification.Replayed,
            _ => DigestVerification.InvalidNonce,
        };
    }

    /// <summary>H(username:realm:password) for storing a user's secret for <paramref name="algorithm"/>.</summary>
    public static string Secret(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.H($"{username}:{realm}:{password}");
    }
}
