using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.Routing;

/// <summary>One party to ring: a SIP URI, where to send the INVITE, and how long it may ring.</summary>
/// <param name="Uri">The target URI (sip:2001@10.0.0.7:5060).</param>
/// <param name="RingTimeout">How long this target rings before it is cancelled; null for the plan's default.</param>
/// <param name="Destination">The next hop (a proxy, a registered contact); null for the URI's own host and port.</param>
public sealed record RingTarget(string Uri, TimeSpan? RingTimeout = null, SipEndpoint? Destination = null)
{
    /// <summary>A name for logs and results (an agent id, an extension); the URI when not set.</summary>
    public string Name { get; init; } = Uri;
}
