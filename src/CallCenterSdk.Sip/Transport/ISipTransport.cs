using System.Net;

namespace CallCenterSdk.Sip.Transport;

/// <summary>
/// One listening SIP transport (a UDP socket, a TCP listener with its connections; TLS and WebSocket
/// implement the same contract later). It frames and parses what arrives and hands it to its
/// <see cref="ISipTransportSink"/>; it never throws out of its read loops.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    /// <summary>The protocol this transport carries.</summary>
    SipTransportProtocol Protocol { get; }

    /// <summary>The bound local address (with the real port when 0 was asked for).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and starts receiving, delivering to <paramref name="sink"/>.</summary>
    Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one serialized message. For connection transports a <see cref="SipEndpoint.ConnectionId"/> of 0
    /// reuses an open connection to the address or opens one. Failures throw <see cref="SipTransportException"/>.
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndpoint destination, CancellationToken cancellationToken);
}
