namespace CallCenterSdk.Hosting.Options;

/// <summary>SIP transports and registrar.</summary>
public sealed class SipOptions
{
    /// <summary>Address and port to listen on, <c>host:port</c> or <c>[v6]:port</c> [127.0.0.1:5060]; port 0 picks a free one.</summary>
    public string Listen { get; set; } = "127.0.0.1:5060";

    /// <summary>Listen on UDP [true].</summary>
    public bool Udp { get; set; } = true;

    /// <summary>Listen on TCP (same address and port) [true].</summary>
    public bool Tcp { get; set; } = true;

    /// <summary>Shortest registration the registrar accepts, seconds [60].</summary>
    public int MinExpiresSeconds { get; set; } = 60;

    /// <summary>Longest registration the registrar grants, seconds [7200].</summary>
    public int MaxExpiresSeconds { get; set; } = 7200;

    /// <summary>
    /// The tenant whose phones may also register at the server's own address (<c>sip:EXTENSION@127.0.0.1</c>), for
    /// phones that cannot use the tenant's SIP domain without DNS or an outbound proxy. Null: domains only.
    /// </summary>
    public string? AddressTenant { get; set; }

    /// <summary>
    /// Digest algorithms to challenge phones with, one challenge each, in this order [SHA-256, MD5] (RFC 8760).
    /// baresip 1.0 needs MD5 only: it gives up on a 401 in which any challenge is not MD5, whatever the order.
    /// </summary>
    public IList<string> DigestAlgorithms { get; } = [];

    /// <summary>The effective digest algorithm names.</summary>
    public IReadOnlyList<string> EffectiveDigestAlgorithms => DigestAlgorithms.Count > 0 ? [.. DigestAlgorithms] : ["SHA-256", "MD5"];

    /// <summary>Key (at least 16 characters) that signs digest nonces; empty = a random key per start.</summary>
    public string? NonceKey { get; set; }
}
