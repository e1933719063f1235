using System.Net;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// Receives datagrams from a <see cref="UdpMediaTransport"/> synchronously on its receive loop. The spans
/// point into the loop's pooled buffer and are only valid during the call: copy what must be kept.
/// </summary>
public interface IMediaPacketHandler
{
    /// <summary>An RTP datagram arrived (on the RTP port, or demultiplexed under rtcp-mux).</summary>
    void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source);

    /// <summary>An RTCP datagram arrived.</summary>
    void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source);
}
