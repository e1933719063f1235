using System.Buffers;
using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Media.Rtcp;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// The I/O shell of a media stream: a UDP socket pair (or one socket under rtcp-mux) and one receive loop
/// per socket. Each loop owns one pooled buffer and one reused <see cref="SocketAddress"/>, so receiving
/// does not allocate per packet; loops are async (no thread each), so thousands of transports fit in a
/// process. Decisions belong to the handler (an <see cref="RtpEndpoint"/> and its session).
/// </summary>
public sealed class UdpMediaTransport : IAsyncDisposable
{
    private readonly UdpMediaTransportOptions _options;
    private readonly Socket _rtpSocket;
    private readonly Socket? _rtcpSocket;
    private readonly CancellationTokenSource _stop = new();
    private Task _completion = Task.CompletedTask;
    private long _oversizeDropped;
    private int _started;
    private int _disposed;

    private UdpMediaTransport(UdpMediaTransportOptions options, Socket rtp, Socket? rtcp, int reservedPort)
    {
        _options = options;
        _rtpSocket = rtp;
        _rtcpSocket = rtcp;
        ReservedPort = reservedPort;
        LocalRtpEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
        LocalRtcpEndPoint = rtcp is null ? LocalRtpEndPoint : (IPEndPoint)rtcp.LocalEndPoint!;
    }

    /// <summary>Where this transport receives RTP.</summary>
    public IPEndPoint LocalRtpEndPoint { get; }

    /// <summary>Where this transport receives RTCP (the RTP end point under rtcp-mux).</summary>
    public IPEndPoint LocalRtcpEndPoint { get; }

    /// <summary>Datagrams dropped because they exceeded <see cref="UdpMediaTransportOptions.MaxDatagramSize"/>.</summary>
    public long OversizeDropped => Interlocked.Read(ref _oversizeDropped);

    /// <summary>Completes when the receive loops end; faults if a loop failed (a socket error or a handler exception).</summary>
    public Task Completion => _completion;

    private int ReservedPort { get; }

    /// <summary>
    /// Binds a socket pair: from <see cref="UdpMediaTransportOptions.PortRange"/> when set (trying pairs until
    /// one binds), else ephemeral ports.
    /// </summary>
    /// <exception cref="MediaPortsExhaustedException">No pair of the range could be bound.</exception>
    public static UdpMediaTransport Open(UdpMediaTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var range = options.PortRange;
        if (range is null)
        {
            var rtp = Bind(options, 0);
            var rtcp = options.RtcpMux ? null : Bind(options, 0);
            return new UdpMediaTransport(options, rtp, rtcp, 0);
        }

        for (var attempt = 0; attempt < range.PairCount; attempt++)
        {
            if (!range.TryReserve(out var port))
            {
                break;
            }

            Socket? rtp = null;
            try
            {
                rtp = Bind(options, port);
                var rtcp = options.RtcpMux ? null : Bind(options, port + 1);
                return new UdpMediaTransport(options, rtp, rtcp, port);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                // Another process holds this pair: release it and try the next one.
                rtp?.Dispose();
                range.Release(port);
            }
        }

        throw new MediaPortsExhaustedException(range);
    }

    /// <summary>Starts the receive loops, which call <paramref name="handler"/> for each datagram until disposal or cancellation.</summary>
    public void Start(IMediaPacketHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken);
        var rtpLoop = ReceiveLoopAsync(_rtpSocket, handler, rtcpPort: false, linked.Token);
        var rtcpLoop = _rtcpSocket is null ? Task.CompletedTask : ReceiveLoopAsync(_rtcpSocket, handler, rtcpPort: true, linked.Token);
        _completion = Task.WhenAll(rtpLoop, rtcpLoop).ContinueWith(
            t =>
            {
                linked.Dispose();
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Sends an RTP datagram to <paramref name="destination"/>.</summary>
    public ValueTask<int> SendRtpAsync(ReadOnlyMemory<byte> datagram, SocketAddress destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _rtpSocket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken);
    }

    /// <summary>Sends an RTCP datagram (from the RTCP socket, or the RTP socket under rtcp-mux).</summary>
    public ValueTask<int> SendRtcpAsync(ReadOnlyMemory<byte> datagram, SocketAddress destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return (_rtcpSocket ?? _rtpSocket).SendToAsync(datagram, SocketFlags.None, destination, cancellationToken);
    }

    /// <summary>Stops the loops, closes the sockets, returns the ports to the range, and surfaces a loop failure.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _rtpSocket.Dispose();
        _rtcpSocket?.Dispose();
        try
        {
            await _completion.ConfigureAwait(false);
        }
        finally
        {
            _stop.Dispose();
            if (_options.PortRange is { } range && ReservedPort != 0)
            {
                range.Release(ReservedPort);
            }
        }
    }

    private static Socket Bind(UdpMediaTransportOptions options, int port)
    {
        var socket = new Socket(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (options.SocketReceiveBufferSize > 0)
            {
                socket.ReceiveBufferSize = options.SocketReceiveBufferSize;
            }

            socket.Bind(new IPEndPoint(options.LocalAddress, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveLoopAsync(Socket socket, IMediaPacketHandler handler, bool rtcpPort, CancellationToken cancellationToken)
    {
        // One buffer and one address per loop, reused for every datagram: no per-packet allocation.
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxDatagramSize + 1);
        var source = new SocketAddress(socket.AddressFamily);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(buffer.AsMemory(0, _options.MaxDatagramSize + 1), SocketFlags.None, source, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (ObjectDisposedException) when (_disposed != 0)
                {
                    break;
                }
                catch (SocketException e) when (_disposed != 0 || e.SocketErrorCode == SocketError.OperationAborted)
                {
                    break;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // An ICMP port-unreachable for an earlier send, or a datagram larger than the buffer: not fatal to the stream.
                    Interlocked.Increment(ref _oversizeDropped);
                    continue;
                }

                if (received > _options.MaxDatagramSize)
                {
                    Interlocked.Increment(ref _oversizeDropped);
                    continue;
                }

                var datagram = buffer.AsSpan(0, received);
                if (rtcpPort || (_rtcpSocket is null && RtcpDemultiplexer.IsRtcp(datagram)))
                {
                    handler.OnRtcpDatagram(datagram, source);
                }
                else
                {
                    handler.OnRtpDatagram(datagram, source);
                }
            }
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            // One failed loop fails the transport: stop the other loop too so Completion surfaces the error.
            await _stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
