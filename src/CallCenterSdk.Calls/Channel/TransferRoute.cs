using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.Channel;

/// <summary>Where an extension or external-number transfer is dialled.</summary>
/// <param name="Target">The request URI (sip:1001@10.0.0.5:5060, sip:+4930123@trunk.example).</param>
/// <param name="Destination">The next hop (a proxy, a trunk, a registered contact); null when the URI names an IP address.</param>
public sealed record TransferRoute(string Target, SipEndpoint? Destination = null);
