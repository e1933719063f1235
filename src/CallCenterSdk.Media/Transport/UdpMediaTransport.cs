using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using CallCenterSdk.Media.Rtcp;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// The I/O shell of a media stream: a UDP socket pair (or one socket under rtcp-mux), read without allocating per
/// packet. On Linux a <see cref="MediaSocketPoller"/> reads the sockets (epoll and non-blocking system calls, a few
/// threads for every transport of the process) and sends are plain non-blocking <c>sendto</c> calls; elsewhere, or when
/// <see cref="UdpMediaTransportOptions.AsyncReceiveLoops"/> asks for it, one async receive loop per socket with one
/// pooled buffer and one reused <see cref="SocketAddress"/> each. Either way thousands of transports fit in a process.
/// Decisions belong to the handler (an <see cref="RtpEndpoint"/> and its session).
/// </summary>
public sealed class UdpMediaTransport : IAsyncDisposable
{
    private readonly UdpMediaTransportOptions _options;
    private readonly Socket _rtpSocket;
    private readonly Socket? _rtcpSocket;
    private readonly MediaSocketPoller? _poller;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MediaSocketPoller.Registration? _rtpRegistration;
    private MediaSocketPoller.Registration? _rtcpRegistration;
    private IMediaPacketHandler? _handler;
    private CancellationTokenRegistration _cancellation;
    private Task _completion = Task.CompletedTask;
    private long _oversizeDropped;
    private long _datagramsReceived;
    private long _sendsDropped;
    private int _started;
    private int _disposed;

    private UdpMediaTransport(UdpMediaTransportOptions options, Socket rtp, Socket? rtcp, int reservedPort)
    {
        _options = options;
        _rtpSocket = rtp;
        _rtcpSocket = rtcp;
        _poller = options.AsyncReceiveLoops || !MediaSocketPoller.IsSupported ? null : options.Poller ?? MediaSocketPoller.Shared;
        ReservedPort = reservedPort;
        LocalRtpEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
        LocalRtcpEndPoint = rtcp is null ? LocalRtpEndPoint : (IPEndPoint)rtcp.LocalEndPoint!;
    }

    /// <summary>Where this transport receives RTP.</summary>
    public IPEndPoint LocalRtpEndPoint { get; }

    /// <summary>Where this transport receives RTCP (the RTP end point under rtcp-mux).</summary>
    public IPEndPoint LocalRtcpEndPoint { get; }

    /// <summary>
    /// Bytes waiting in the RTP socket's receive queue, not yet read (the first datagram's size on Linux); 0 once
    /// disposed. A diagnostic: a queue that stays full means the receive loop is not keeping up.
    /// </summary>
    public int PendingRtpBytes
    {
        get
        {
            try
            {
                return _disposed != 0 ? 0 : _rtpSocket.Available;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return 0;
            }
        }
    }

    /// <summary>Datagrams read from the sockets (RTP and RTCP), whatever the handler made of them.</summary>
    public long DatagramsReceived => Interlocked.Read(ref _datagramsReceived);

    /// <summary>Datagrams dropped because they exceeded <see cref="UdpMediaTransportOptions.MaxDatagramSize"/>.</summary>
    public long OversizeDropped => Interlocked.Read(ref _oversizeDropped);

    /// <summary>
    /// Datagrams not sent because the socket's send buffer was full (the kernel said it would block); as on any real-time
    /// UDP path they are dropped, not queued behind later audio.
    /// </summary>
    public long SendsDropped => Interlocked.Read(ref _sendsDropped);

    /// <summary>The poller reading this transport's sockets; null when it runs async receive loops.</summary>
    public MediaSocketPoller? Poller => _poller;

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

    /// <summary>
    /// Starts receiving: <paramref name="handler"/> is called for each datagram until disposal or cancellation, on the
    /// poller's thread or the receive loop's (never for two datagrams of one socket at once).
    /// </summary>
    public void Start(IMediaPacketHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        if (_poller is { } poller)
        {
            _handler = handler;
            _completion = _received.Task;
            var affinity = poller.NextAffinity();
            _rtpRegistration = poller.Register(this, _rtpSocket, rtcp: false, affinity);
            if (_rtcpSocket is not null)
            {
                _rtcpRegistration = poller.Register(this, _rtcpSocket, rtcp: true, affinity);
            }

            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static state => ((UdpMediaTransport)state!).StopReceiving(null), this);
            }

            return;
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

    /// <summary>
    /// Sends an RTP datagram to <paramref name="destination"/> now, without waiting: the bytes sent, or 0 when the socket's
    /// send buffer was full and the datagram was dropped (<see cref="SendsDropped"/>).
    /// </summary>
    /// <exception cref="SocketException">The kernel refused the datagram (for example no route to the destination).</exception>
    /// <exception cref="ObjectDisposedException">The transport is closed.</exception>
    public int SendRtp(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return SendTo(_rtpSocket, datagram, destination);
    }

    /// <summary>As <see cref="SendRtp"/>, for RTCP (from the RTCP socket, or the RTP socket under rtcp-mux).</summary>
    public int SendRtcp(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return SendTo(_rtcpSocket ?? _rtpSocket, datagram, destination);
    }

    /// <summary>Sends an RTP datagram to <paramref name="destination"/>.</summary>
    public ValueTask<int> SendRtpAsync(ReadOnlyMemory<byte> datagram, SocketAddress destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return SendAsync(_rtpSocket, datagram, destination, cancellationToken);
    }

    /// <summary>Sends an RTCP datagram (from the RTCP socket, or the RTP socket under rtcp-mux).</summary>
    public ValueTask<int> SendRtcpAsync(ReadOnlyMemory<byte> datagram, SocketAddress destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return SendAsync(_rtcpSocket ?? _rtpSocket, datagram, destination, cancellationToken);
    }

    /// <summary>Stops receiving, closes the sockets, returns the ports to the range, and surfaces a receive failure.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_poller is not null)
        {
            // Out of the poller first (a dispatch under way finishes), then close: the descriptors are never read after.
            StopReceiving(null);
            _cancellation.Dispose();
        }

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

    /// <summary>
    /// Called by the poller when a socket is readable: reads one datagram (level-triggered: another one waiting is
    /// reported again) and hands it to the handler. False when there was nothing to read after all.
    /// </summary>
    internal unsafe bool OnReadable(MediaSocketPoller.Registration registration, byte[] buffer, SocketAddress source)
    {
        lock (registration)
        {
            if (registration.Closing)
            {
                return false;
            }

            var capacity = Math.Min(_options.MaxDatagramSize + 1, buffer.Length);
            var address = source.Buffer.Span;
            uint addressLength = (uint)address.Length;
            nint received;
            fixed (byte* data = buffer)
            fixed (byte* from = address)
            {
                received = LinuxSockets.recvfrom(registration.Fd, data, capacity, LinuxSockets.MsgDontwait | LinuxSockets.MsgTrunc, from, &addressLength);
            }

            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case LinuxSockets.EAgain or LinuxSockets.EIntr:
                        return false;
                    case LinuxSockets.EConnRefused:
                        // An ICMP port-unreachable for an earlier send: not fatal to the stream.
                        Interlocked.Increment(ref _oversizeDropped);
                        return false;
                    default:
                        throw LinuxSockets.Failure("recvfrom", errno);
                }
            }

            source.Size = (int)addressLength;
            Interlocked.Increment(ref _datagramsReceived);
            if (received > _options.MaxDatagramSize)
            {
                Interlocked.Increment(ref _oversizeDropped);
                return true;
            }

            Dispatch(_handler!, buffer.AsSpan(0, (int)received), source, registration.Rtcp);
            return true;
        }
    }

    /// <summary>Called by the poller when reading or the handler failed: receiving stops and <see cref="Completion"/> faults.</summary>
    internal void FailReceive(Exception error) => StopReceiving(error);

    private void StopReceiving(Exception? error)
    {
        if (_rtpRegistration is { } rtp)
        {
            _poller!.Unregister(rtp);
        }

        if (_rtcpRegistration is { } rtcp)
        {
            _poller!.Unregister(rtcp);
        }

        if (error is null || _disposed != 0 && error is ObjectDisposedException)
        {
            _received.TrySetResult();
        }
        else
        {
            _received.TrySetException(error);
        }
    }

    private void Dispatch(IMediaPacketHandler handler, ReadOnlySpan<byte> datagram, SocketAddress source, bool rtcpPort)
    {
        if (rtcpPort || (_rtcpSocket is null && RtcpDemultiplexer.IsRtcp(datagram)))
        {
            handler.OnRtcpDatagram(datagram, source);
        }
        else
        {
            handler.OnRtpDatagram(datagram, source);
        }
    }

    private unsafe int SendTo(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        if (_poller is null)
        {
            // The sockets are non-blocking (Bind): a full send buffer fails at once, as on the poller's path.
            try
            {
                return socket.SendTo(datagram, SocketFlags.None, destination);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable)
            {
                Interlocked.Increment(ref _sendsDropped);
                return 0;
            }
        }

        var address = destination.Buffer.Span[..destination.Size];
        nint sent;
        fixed (byte* data = datagram)
        fixed (byte* to = address)
        {
            sent = LinuxSockets.sendto(socket.SafeHandle, data, datagram.Length, LinuxSockets.MsgDontwait, to, (uint)address.Length);
        }

        if (sent >= 0)
        {
            return (int)sent;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is LinuxSockets.EAgain or LinuxSockets.ENoBufs)
        {
            Interlocked.Increment(ref _sendsDropped);
            return 0;
        }

        ObjectDisposedException.ThrowIf(errno == LinuxSockets.EBadf || _disposed != 0, this);
        throw LinuxSockets.Failure("sendto", errno);
    }

    private ValueTask<int> SendAsync(Socket socket, ReadOnlyMemory<byte> datagram, SocketAddress destination, CancellationToken cancellationToken)
    {
        if (_poller is null)
        {
            return socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken);
        }

        // The poller's sockets stay out of .NET's socket engine (an async send would register them there, and every
        // datagram received would then wake its thread too): a non-blocking send completes at once.
        try
        {
            return ValueTask.FromResult(SendTo(socket, datagram.Span, destination));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return ValueTask.FromException<int>(e);
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

            if (options.SocketSendBufferSize > 0)
            {
                socket.SendBufferSize = options.SocketSendBufferSize;
            }

            socket.Bind(new IPEndPoint(options.LocalAddress, port));

            // SendRtp/SendRtcp never wait for room in the send buffer, on either receive path: real-time audio is
            // dropped rather than queued behind newer audio, and the media clock never blocks in a send.
            socket.Blocking = false;
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

                Interlocked.Increment(ref _datagramsReceived);
                if (received > _options.MaxDatagramSize)
                {
                    Interlocked.Increment(ref _oversizeDropped);
                    continue;
                }

                Dispatch(handler, buffer.AsSpan(0, received), source, rtcpPort);
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
