using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenterSdk.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): a listener, one read loop per connection, responses and in-dialog
/// requests reusing the connection they belong to, outbound connections opened on demand, and idle
/// connections closed.
/// </summary>
public sealed class TcpSipTransport : ISipTransport
{
    private readonly IPEndPoint _requested;
    private readonly TimeSpan _idleTimeout;
    private readonly int _maxConnections;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, TcpSipConnection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private Socket? _listener;
    private IPEndPoint? _bound;
    private ISipTransportSink? _sink;
    private long _nextId;

    /// <summary>Creates a TCP transport.</summary>
    /// <param name="localEndPoint">Where to listen (port 0 picks a free one).</param>
    /// <param name="idleTimeout">Connections with no traffic for this long are closed (default 5 minutes).</param>
    /// <param name="maxConnections">Accepted connections beyond this are refused, bounding memory.</param>
    /// <param name="logger">The logger.</param>
    public TcpSipTransport(IPEndPoint localEndPoint, TimeSpan? idleTimeout = null, int maxConnections = 10_000, ILogger<TcpSipTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        _requested = localEndPoint;
        _idleTimeout = idleTimeout ?? TimeSpan.FromMinutes(5);
        _maxConnections = maxConnections;
        _logger = logger ?? NullLogger<TcpSipTransport>.Instance;
    }

    /// <inheritdoc />
    public SipTransportProtocol Protocol => SipTransportProtocol.Tcp;

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint => _bound ?? _requested; // kept from the bind: valid after the listener closes

    /// <summary>Open connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <inheritdoc />
    public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _listener = new Socket(_requested.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(_requested);
        _listener.Listen(1024);
        _bound = (IPEndPoint?)_listener.LocalEndPoint;
        lock (_loops)
        {
            _loops.Add(Task.Run(() => AcceptLoopAsync(_stop.Token), CancellationToken.None));
            _loops.Add(Task.Run(() => IdleLoopAsync(_stop.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndpoint destination, CancellationToken cancellationToken)
    {
        if (_stop.IsCancellationRequested)
        {
            throw new SipTransportException("The TCP transport is stopped."); // no new connections from a disposed transport
        }

        var connection = await GetConnectionAsync(destination, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TcpSipConnection> GetConnectionAsync(SipEndpoint destination, CancellationToken cancellationToken)
    {
        if (destination.ConnectionId != 0)
        {
            if (_connections.TryGetValue(destination.ConnectionId, out var known) && !known.IsClosed)
            {
                return known;
            }
        }

        // RFC 3261 §18.2.2: if the connection is gone, open a new one to the same address.
        foreach (var open in _connections.Values)
        {
            if (!open.IsClosed && open.Remote.Equals(destination.Remote))
            {
                return open;
            }
        }

        var socket = new Socket(destination.Remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(destination.Remote, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SipTransportException($"TCP connect to {destination.Remote} failed: {e.SocketErrorCode}", e);
        }

        return Track(socket);
    }

    private TcpSipConnection Track(Socket socket)
    {
        var connection = new TcpSipConnection(Interlocked.Increment(ref _nextId), socket, LocalEndPoint, _logger);
        _connections[connection.Id] = connection;
        var loop = Task.Run(() => connection.RunAsync(_sink!, c => _connections.TryRemove(c.Id, out _)), CancellationToken.None);
        lock (_loops)
        {
            _loops.RemoveAll(t => t.IsCompleted);
            _loops.Add(loop);
        }

        return connection;
    }

    private async Task AcceptLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(stop).ConfigureAwait(false);
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
                TransportLog.AcceptFailed(_logger, e.SocketErrorCode);
                continue;
            }

            if (_connections.Count >= _maxConnections)
            {
                TransportLog.TooManyConnections(_logger, socket.RemoteEndPoint, _maxConnections);
                socket.Dispose();
                continue;
            }

            Track(socket);
        }
    }

    private async Task IdleLoopAsync(CancellationToken stop)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(_idleTimeout.TotalMilliseconds / 4, 50, 30_000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                foreach (var connection in _connections.Values)
                {
                    if (connection.IdleFor > _idleTimeout)
                    {
                        TransportLog.ClosingIdle(_logger, connection.Id, connection.Remote);
                        await connection.CloseAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        foreach (var connection in _connections.Values)
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }

        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
