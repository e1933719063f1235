using System.Net;

namespace CallCenterSdk.Sip.Transport;

/// <summary>
/// Where a message came from or goes to: the transport, the remote address and, for connection
/// transports, the connection it arrived on (so responses and in-dialog requests reuse it, RFC 3261 §18.2.2).
/// </summary>
/// <param name="Protocol">The transport.</param>
/// <param name="Remote">The remote IP address and port.</param>
/// <param name="ConnectionId">The connection for TCP/TLS/WS (0 for UDP or "open one as needed").</param>
/// <param name="Local">The local transport address a message arrived on, so answers leave through the same one; null lets the stack choose by address family.</param>
public readonly record struct SipEndpoint(SipTransportProtocol Protocol, IPEndPoint Remote, long ConnectionId = 0, IPEndPoint? Local = null)
{
    /// <summary>True for transports that deliver reliably.</summary>
    public bool IsReliable => Protocol.IsReliable();

    /// <inheritdoc />
    public override string ToString() => $"{Protocol.ViaToken()}:{Remote}" + (ConnectionId != 0 ? $"#{ConnectionId}" : string.Empty);
}
