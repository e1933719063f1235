using System.Buffers;
using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Sip.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenterSdk.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one socket, one receive loop with a pooled buffer, one datagram per
/// message. IPv4 and IPv6. Keep-alive datagrams (CRLF) are ignored; malformed datagrams go to the sink
/// as errors and the loop carries on.
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    private const int MaxDatagram = 65_535;
    private readonly IPEndPoint _requested;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task? _loop;

    private IPEndPoint? _bound;

    /// <summary>Creates a UDP transport that will bind <paramref name="localEndPoint"/> (port 0 picks a free one).</summary>
    public UdpSipTransport(IPEndPoint localEndPoint, ILogger<UdpSipTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        _requested = localEndPoint;
        _logger = logger ?? NullLogger<UdpSipTransport>.Instance;
    }

    /// <inheritdoc />
    public SipTransportProtocol Protocol => SipTransportProtocol.Udp;

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint => _bound ?? _requested;

    /// <inheritdoc />
    public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _socket = new Socket(_requested.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Large buffers ride out bursts at thousands of calls per second.
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.SendBufferSize = 4 * 1024 * 1024;
        _socket.Bind(_requested);

        // Kept from the bind: reading it from the socket later throws once the transport is disposed.
        _bound = (IPEndPoint?)_socket.LocalEndPoint;
        _loop = Task.Run(() => ReceiveLoopAsync(sink, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndpoint destination, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("The transport is not started.");
        try
        {
            await socket.SendToAsync(message, SocketFlags.None, destination.Remote, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new SipTransportException($"UDP send to {destination.Remote} failed: {e.SocketErrorCode}", e);
        }
    }

    private async Task ReceiveLoopAsync(ISipTransportSink sink, CancellationToken stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        var address = new SocketAddress(_requested.AddressFamily);
        var template = new IPEndPoint(_requested.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var local = LocalEndPoint;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await _socket!.ReceiveFromAsync(buffer, SocketFlags.None, address, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException e)
                {
                    // ICMP errors from earlier sends surface here on Linux (ConnectionReset); keep serving.
                    TransportLog.UdpReceiveError(_logger, e.SocketErrorCode);
                    continue;
                }

                var datagram = buffer.AsSpan(0, received);
                if (received == 0 || SipMessageParser.IsKeepAlive(datagram))
                {
                    continue;
                }

                var source = new SipEndpoint(SipTransportProtocol.Udp, (IPEndPoint)template.Create(address), 0, local);
                try
                {
                    sink.OnMessage(SipMessageParser.ParseDatagram(datagram), source);
                }
                catch (SipParseException e)
                {
                    sink.OnMalformed(e, source);
                }
#pragma warning disable CA1031 // The read loop must survive a failing handler; the error is logged.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    TransportLog.HandlerFailed(_logger, e, source);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
