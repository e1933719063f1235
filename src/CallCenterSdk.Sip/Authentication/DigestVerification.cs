namespace CallCenterSdk.Sip.Authentication;

/// <summary>The outcome of checking digest credentials on a request.</summary>
public enum DigestVerification
{
    /// <summary>The credentials prove knowledge of the password for a fresh nonce.</summary>
    Authenticated,

    /// <summary>The user is not known in the realm.</summary>
    UnknownUser,

    /// <summary>The credentials are for another realm.</summary>
    WrongRealm,

    /// <summary>The response does not match: wrong password or altered request.</summary>
    BadResponse,

    /// <summary>The response matched but the nonce expired: challenge again with stale=true.</summary>
    StaleNonce,

    /// <summary>The nonce was not issued by this server.</summary>
    InvalidNonce,

    /// <summary>The nonce-count was already used: a replayed request.</summary>
    Replayed,

    /// <summary>The algorithm or qop is not one this server offered.</summary>
    UnsupportedParameters,

    /// <summary>The digest-uri does not match the Request-URI.</summary>
    UriMismatch,
}
