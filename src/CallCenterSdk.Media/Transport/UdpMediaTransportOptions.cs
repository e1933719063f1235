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

    /// <summary>
    /// The kernel send buffer (SO_SNDBUF) in bytes, or 0 for the system default. On the poller's non-blocking sends a
    /// full send buffer drops the datagram (<see cref="UdpMediaTransport.SendsDropped"/>) rather than queuing it behind
    /// newer audio; a smaller buffer bounds how much audio can wait in the host's queues.
    /// </summary>
    public int SocketSendBufferSize { get; init; }

    /// <summary>
    /// The poller that reads the sockets on Linux; null for <see cref="MediaSocketPoller.Shared"/>. A call engine passes
    /// its own (threads at the media clock's priority).
    /// </summary>
    public MediaSocketPoller? Poller { get; init; }

    /// <summary>
    /// Read with one async receive loop per socket (.NET's socket engine) even where a <see cref="MediaSocketPoller"/> is
    /// available: the portable path, and the one used on Windows and macOS. Default false.
    /// </summary>
    public bool AsyncReceiveLoops { get; init; }
}
