using System.Net;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// A <c>c=</c> line (RFC 8866 §5.7): where media is sent. For multicast addresses an IPv4 TTL and a
/// number of addresses may follow the address (<c>224.2.1.1/127/3</c>).
/// </summary>
/// <param name="NetworkType">Usually <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The address (or a fully qualified domain name), without the TTL and count.</param>
/// <param name="Ttl">The multicast TTL (IPv4 multicast only), or null.</param>
/// <param name="AddressCount">The number of consecutive multicast addresses, or null.</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address, int? Ttl = null, int? AddressCount = null)
{
    /// <summary>Creates an <c>IN IP4</c> or <c>IN IP6</c> connection for an address literal.</summary>
    public static SdpConnection For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());
    }

    /// <summary>Creates an <c>IN IP4</c> or <c>IN IP6</c> connection for an address literal or host name.</summary>
    public static SdpConnection For(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", address);
    }

    /// <summary>
    /// True for <c>0.0.0.0</c> (or <c>::</c>): the RFC 2543 way of putting a call on hold, which
    /// RFC 3264 §8.4 still requires answerers to understand.
    /// </summary>
    public bool IsUnspecified => Address is "0.0.0.0" or "::";
}
