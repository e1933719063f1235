using System.Net;

namespace CallCenterSdk.Media.Transport;

/// <summary>Settings of a <see cref="UdpMediaTransport"/>.</summary>
public sealed class UdpMediaTransportOptions
{
    /// <summary>The local address to bind. Default <see cref="IPAddress.Loopback"/>; use <see cref="IPAddress.Any"/> to serve a network.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The port range; null binds ephemeral ports (port 0), as tests do.</summary>
    public MediaPortRange? PortRange { get; init; }

    /// <summary>One socket for RTP and RTCP (RFC 5761). Default false: RTCP on the RTP port plus one.</summary>
    public bool RtcpMux { get; init; }

    /// <summary>The largest datagram accepted; longer ones are dropped and counted. Default 1500.</summary>
    public int MaxDatagramSize { get; init; } = 1500;

    /// <summary>The kernel receive buffer (SO_RCVBUF) in bytes, or 0 for the system default.</summary>
    public int SocketReceiveBufferSize { get; init; }
}
