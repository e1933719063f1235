using System.Buffers;
using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Media.Rtp;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// One call leg's RTP end point: joins an <see cref="RtpSession"/> (the decisions) to a
/// <see cref="UdpMediaTransport"/> (the sockets), hands accepted packets to an <see cref="IRtpPacketSink"/>,
/// and sends RTCP on the session's schedule. Sends come from one media clock at a time.
/// </summary>
/// <remarks>
/// Reports run on one reused timer, re-armed for the session's next due time after each one, and go out with a
/// non-blocking send from a pooled buffer: a leg costs no allocation per report and holds no buffer between them.
/// </remarks>
public sealed class RtpEndpoint : IMediaPacketHandler, IAsyncDisposable
{
    private const int MaxDatagramSize = 1500;

    private readonly TimeProvider _time;
    private readonly IRtpPacketSink _sink;
    private readonly TaskCompletionSource _reports = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _sendBuffer;
    private ITimer? _rtcpTimer;
    private CancellationTokenRegistration _cancellation;
    private volatile bool _reportsStopped;
    private long _invalidRtp;
    private long _invalidRtcp;
    private int _disposed;

    /// <summary>Creates an end point; call <see cref="Start"/> to begin receiving and reporting.</summary>
    public RtpEndpoint(RtpSession session, UdpMediaTransport transport, IRtpPacketSink sink, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        Session = session;
        Transport = transport;
        _sink = sink;
        _time = time;
    }

    /// <summary>The protocol state.</summary>
    public RtpSession Session { get; }

    /// <summary>The sockets.</summary>
    public UdpMediaTransport Transport { get; }

    /// <summary>Datagrams on the RTP path rejected as invalid RTP.</summary>
    public long InvalidRtpPackets => Interlocked.Read(ref _invalidRtp);

    /// <summary>Datagrams on the RTCP path rejected as invalid RTCP.</summary>
    public long InvalidRtcpPackets => Interlocked.Read(ref _invalidRtcp);

    /// <summary>Completes when reporting ends (disposal or cancellation); faults when sending a report failed.</summary>
    public Task RtcpCompletion => _reports.Task;

    /// <summary>Starts receiving and sending RTCP reports on the session's schedule.</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        Transport.Start(this, cancellationToken);
        _rtcpTimer = _time.CreateTimer(static state => ((RtpEndpoint)state!).OnReportDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        ScheduleReport();
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static state =>
                {
                    var endpoint = (RtpEndpoint)state!;
                    endpoint._reportsStopped = true;
                    endpoint._reports.TrySetResult();
                },
                this);
        }
    }

    /// <summary>Sends one audio frame to the current remote address (see <see cref="RtpSession.WriteAudio"/>).</summary>
    public ValueTask<int> SendAudioAsync(byte payloadType, int timestampUnits, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        var destination = Session.RemoteRtpAddress ?? throw new InvalidOperationException("No remote RTP address: call RtpSession.SetRemote or wait for media to latch.");
        var buffer = _sendBuffer ??= new byte[MaxDatagramSize];
        var length = Session.WriteAudio(buffer, payloadType, timestampUnits, payload);
        return Transport.SendRtpAsync(buffer.AsMemory(0, length), destination, cancellationToken);
    }

    /// <summary>Sends a packet with an explicit timestamp and marker (RFC 4733 events; see <see cref="RtpSession.WriteWithTimestamp"/>).</summary>
    public ValueTask<int> SendWithTimestampAsync(byte payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        var destination = Session.RemoteRtpAddress ?? throw new InvalidOperationException("No remote RTP address: call RtpSession.SetRemote or wait for media to latch.");
        var buffer = _sendBuffer ??= new byte[MaxDatagramSize];
        var length = Session.WriteWithTimestamp(buffer, payloadType, timestamp, marker, payload);
        return Transport.SendRtpAsync(buffer.AsMemory(0, length), destination, cancellationToken);
    }

    /// <inheritdoc />
    public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        var result = Session.ReceiveRtp(datagram, source, out var packet);
        if (result.Outcome == RtpReceiveOutcome.Invalid)
        {
            Interlocked.Increment(ref _invalidRtp);
        }
        else if (result.ShouldPlay)
        {
            _sink.OnRtpPacket(packet, result.Outcome);
        }
    }

    /// <inheritdoc />
    public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        if (!Session.ReceiveRtcp(datagram, source, out _))
        {
            Interlocked.Increment(ref _invalidRtcp);
        }
    }

    /// <summary>
    /// Sends BYE (RFC 3550 §6.6) when a remote is known, stops reporting and closes the sockets. A BYE the kernel refuses
    /// does not fail disposal: <see cref="RtcpCompletion"/> faults with it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _reportsStopped = true;
        _cancellation.Dispose();
        if (_rtcpTimer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false); // waits for a report being sent
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagramSize);
        try
        {
            if (Session.RemoteRtcpAddress is { } destination)
            {
                var length = Session.BuildGoodbye(buffer.AsSpan(0, MaxDatagramSize));
                Transport.SendRtcp(buffer.AsSpan(0, length), destination);
            }
        }
        catch (SocketException e)
        {
            _reports.TrySetException(e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _reports.TrySetResult();
            await Transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ScheduleReport()
    {
        if (_reportsStopped)
        {
            return;
        }

        var wait = Session.NextRtcpDue - Session.Now;
        try
        {
            _rtcpTimer?.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposal raced this re-arm: no more reports.
        }
    }

    // One report at a time: the timer is one-shot and re-armed at the end of this callback.
    private void OnReportDue()
    {
        if (_reportsStopped)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagramSize);
        try
        {
            var length = Session.TryBuildScheduledReport(buffer.AsSpan(0, MaxDatagramSize));
            if (length > 0 && Session.RemoteRtcpAddress is { } destination)
            {
                Transport.SendRtcp(buffer.AsSpan(0, length), destination);
            }
        }
        catch (Exception e)
        {
            // The kernel refused a report (no route) or a SourceLeft handler threw: reporting ends and RtcpCompletion
            // says why. Once stopped (the sockets closing under a last report) there is nothing to say.
            if (!_reportsStopped)
            {
                _reportsStopped = true;
                _reports.TrySetException(e);
            }

            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        ScheduleReport();
    }
}
