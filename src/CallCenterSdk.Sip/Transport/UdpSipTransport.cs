using System.Buffers;
using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Sip.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenterSdk.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one socket, one datagram per message, IPv4 and IPv6. A dedicated thread
/// receives with blocking calls and hands each message to the sink on that thread; sends are one
/// <c>sendto</c> on the caller's thread. Keep-alive datagrams (CRLF) are ignored; malformed datagrams go
/// to the sink as errors and the loop carries on.
/// </summary>
/// <remarks>
/// Blocking calls, not the socket's async API: once an async operation has run, .NET puts the descriptor
/// in non-blocking mode and every datagram that finds the socket empty goes through the epoll thread and a
/// thread-pool hop, whose wake-ups and spinning cost more CPU than parsing and answering the message.
/// </remarks>
public sealed class UdpSipTransport : ISipTransport
{
    private const int MaxDatagram = 65_535;
    private readonly IPEndPoint _requested;
    private readonly ILogger _logger;
    private Socket? _socket;
    private Thread? _receiver;
    private volatile bool _stopping;
    private IPEndPoint? _bound;

    // The last destination and its serialized form: a call's messages mostly go to one peer.
    private SendTarget? _lastTarget;

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
        if (_socket is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        var socket = new Socket(_requested.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Large buffers ride out bursts at thousands of calls per second.
            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.SendBufferSize = 4 * 1024 * 1024;
            socket.Bind(_requested);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;

        // Kept from the bind: reading it from the socket later throws once the transport is disposed.
        _bound = (IPEndPoint?)socket.LocalEndPoint;
        _receiver = new Thread(() => ReceiveLoop(socket, sink))
        {
            IsBackground = true,
            Name = $"SIP UDP {_bound}",
        };
        _receiver.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Completes synchronously: a UDP send is one non-queued system call.</remarks>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndpoint destination, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null)
        {
            return ValueTask.FromException(new InvalidOperationException("The transport is not started."));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            socket.SendTo(message.Span, SocketFlags.None, TargetOf(destination.Remote));
            return ValueTask.CompletedTask;
        }
        catch (SocketException e)
        {
            return ValueTask.FromException(new SipTransportException($"UDP send to {destination.Remote} failed: {e.SocketErrorCode}", e));
        }
        catch (ObjectDisposedException e)
        {
            return ValueTask.FromException(e);
        }
    }

    private SocketAddress TargetOf(IPEndPoint remote)
    {
        var last = Volatile.Read(ref _lastTarget);
        if (last is not null && (ReferenceEquals(last.EndPoint, remote) || last.EndPoint.Equals(remote)))
        {
            return last.Address;
        }

        var created = new SendTarget(remote, remote.Serialize());
        Volatile.Write(ref _lastTarget, created);
        return created.Address;
    }

    private void ReceiveLoop(Socket socket, ISipTransportSink sink)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        var address = new SocketAddress(_requested.AddressFamily);
        var lastAddress = new SocketAddress(_requested.AddressFamily);
        var template = new IPEndPoint(_requested.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var local = LocalEndPoint;
        SipEndpoint? lastSource = null;
        try
        {
            while (!_stopping)
            {
                int received;
                try
                {
                    received = socket.ReceiveFrom(buffer.AsSpan(0, MaxDatagram), SocketFlags.None, address);
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException e)
                {
                    if (_stopping)
                    {
                        break;
                    }

                    // ICMP errors from earlier sends surface here on Linux (ConnectionReset); keep serving.
                    TransportLog.UdpReceiveError(_logger, e.SocketErrorCode);
                    continue;
                }

                var datagram = buffer.AsSpan(0, received);
                if (received == 0 || SipMessageParser.IsKeepAlive(datagram))
                {
                    continue;
                }

                // Consecutive datagrams from one peer share one endpoint instead of a new IPEndPoint each.
                if (lastSource is not { } source || !address.Equals(lastAddress))
                {
                    source = new SipEndpoint(SipTransportProtocol.Udp, (IPEndPoint)template.Create(address), 0, local);
                    address.Buffer.Span[..address.Size].CopyTo(lastAddress.Buffer.Span);
                    lastAddress.Size = address.Size;
                    lastSource = source;
                }

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
    public ValueTask DisposeAsync()
    {
        _stopping = true;

        // Closing the socket wakes the blocked receive on Linux (the runtime shuts the descriptor down first).
        _socket?.Dispose();
        if (_receiver is { } receiver && receiver != Thread.CurrentThread && !receiver.Join(TimeSpan.FromSeconds(5)))
        {
            TransportLog.UdpReceiverStuck(_logger, LocalEndPoint);
        }

        return ValueTask.CompletedTask;
    }

    private sealed record SendTarget(IPEndPoint EndPoint, SocketAddress Address);
}
