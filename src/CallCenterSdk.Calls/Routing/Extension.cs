using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.Routing;

/// <summary>An extension: its number, where its phone is reached, and its forwarding rules.</summary>
/// <param name="Number">The extension number (2001).</param>
/// <param name="Uri">Where it rings (its registered contact).</param>
/// <param name="Forwarding">Its forwarding rules; at most one per condition is used, the first.</param>
public sealed record Extension(string Number, string Uri, IReadOnlyList<ForwardingRule> Forwarding)
{
    /// <summary>The next hop for its INVITE, or null for the URI's host and port.</summary>
    public SipEndpoint? Destination { get; init; }
}
