using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.UserAgent;

/// <summary>Options of a <see cref="SipUserAgent"/>.</summary>
public sealed class SipUserAgentOptions
{
    /// <summary>The user part of our Contact.</summary>
    public string ContactUser { get; init; } = "callcenter";

    /// <summary>The Server/User-Agent header value.</summary>
    public string Product { get; init; } = "CallCenterSdk";

    /// <summary>The transport used for calls we place when the caller does not say.</summary>
    public SipTransportProtocol DefaultTransport { get; init; } = SipTransportProtocol.Udp;

    /// <summary>The methods we answer (the Allow header); others get 405 (known) or 501 (unknown), RFC 3261 §8.2.1.</summary>
    public IReadOnlyList<string> Allow { get; init; } = ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "UPDATE"];

    /// <summary>
    /// How many 3xx redirects a call follows (RFC 3261 §8.1.3.4): a new INVITE to the first Contact, with the
    /// same Call-ID and From tag and the next CSeq. 0 ends the session with the 3xx instead.
    /// </summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Credentials for 401/407 challenges to our requests, or null.</summary>
    public (string Username, string Password)? Credentials { get; init; }
}
