using System.Net;
using CallCenterSdk.Media.Rtp;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// One call leg's RTP end point: joins an <see cref="RtpSession"/> (the decisions) to a
/// <see cref="UdpMediaTransport"/> (the sockets), hands accepted packets to an <see cref="IRtpPacketSink"/>,
/// and sends RTCP on the session's schedule. Sends come from one media clock at a time.
/// </summary>
public sealed class RtpEndpoint : IMediaPacketHandler, IAsyncDisposable
{
    private const int MaxRtcpSize = 1500;

    private readonly TimeProvider _time;
    private readonly IRtpPacketSink _sink;
    private readonly byte[] _sendBuffer = new byte[1500];
    private readonly byte[] _rtcpBuffer = new byte[MaxRtcpSize];
    private readonly CancellationTokenSource _stop = new();
    private Task _rtcpLoop = Task.CompletedTask;
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

    /// <summary>Completes when the RTCP loop ends; faults when sending a report failed.</summary>
    public Task RtcpCompletion => _rtcpLoop;

    /// <summary>Starts receiving and the RTCP report loop.</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        Transport.Start(this, cancellationToken);
        _rtcpLoop = RtcpLoopAsync(CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken));
    }

    /// <summary>Sends one audio frame to the current remote address (see <see cref="RtpSession.WriteAudio"/>).</summary>
    public ValueTask<int> SendAudioAsync(byte payloadType, int timestampUnits, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        var destination = Session.RemoteRtpAddress ?? throw new InvalidOperationException("No remote RTP address: call RtpSession.SetRemote or wait for media to latch.");
        var length = Session.WriteAudio(_sendBuffer, payloadType, timestampUnits, payload);
        return Transport.SendRtpAsync(_sendBuffer.AsMemory(0, length), destination, cancellationToken);
    }

    /// <summary>Sends a packet with an explicit timestamp and marker (RFC 4733 events; see <see cref="RtpSession.WriteWithTimestamp"/>).</summary>
    public ValueTask<int> SendWithTimestampAsync(byte payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        var destination = Session.RemoteRtpAddress ?? throw new InvalidOperationException("No remote RTP address: call RtpSession.SetRemote or wait for media to latch.");
        var length = Session.WriteWithTimestamp(_sendBuffer, payloadType, timestamp, marker, payload);
        return Transport.SendRtpAsync(_sendBuffer.AsMemory(0, length), destination, cancellationToken);
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

    /// <summary>Sends BYE (RFC 3550 §6.6) when a remote is known, stops the loops and closes the sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _rtcpLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation; any other failure surfaces.
        }

        try
        {
            if (Session.RemoteRtcpAddress is { } destination)
            {
                var length = Session.BuildGoodbye(_rtcpBuffer);
                await Transport.SendRtcpAsync(_rtcpBuffer.AsMemory(0, length), destination).ConfigureAwait(false);
            }
        }
        finally
        {
            _stop.Dispose();
            await Transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RtcpLoopAsync(CancellationTokenSource linked)
    {
        using (linked)
        {
            var token = linked.Token;
            while (!token.IsCancellationRequested)
            {
                var wait = Session.NextRtcpDue - Session.Now;
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, _time, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        return;
                    }
                }

                var length = Session.TryBuildScheduledReport(_rtcpBuffer);
                if (length > 0 && Session.RemoteRtcpAddress is { } destination)
                {
                    await Transport.SendRtcpAsync(_rtcpBuffer.AsMemory(0, length), destination, token).ConfigureAwait(false);
                }
            }
        }
    }
}
