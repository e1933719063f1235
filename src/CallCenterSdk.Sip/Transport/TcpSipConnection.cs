using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Sip.Transport;

/// <summary>
/// One TCP connection: a System.IO.Pipelines read loop that frames messages by Content-Length
/// (RFC 3261 §18.3), answers RFC 5626 §4.4.1 CRLF keep-alive pings, and serialises writes.
/// </summary>
internal sealed class TcpSipConnection : IAsyncDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly ILogger _logger;
    private long _lastActivityTicks;

    public TcpSipConnection(long id, Socket socket, IPEndPoint local, ILogger logger)
    {
        Id = id;
        Local = local;
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _logger = logger;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Touch();
    }

    public long Id { get; }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    public SipEndpoint Endpoint => new(SipTransportProtocol.Tcp, Remote, Id, Local);

    public bool IsClosed => _closed.IsCancellationRequested;

    public TimeSpan IdleFor => TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond - Interlocked.Read(ref _lastActivityTicks));

    public async Task RunAsync(ISipTransportSink sink, Action<TcpSipConnection> onClosed)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        try
        {
            while (!_closed.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                Touch();
                var buffer = result.Buffer;
                if (!await ProcessAsync(sink, reader, buffer).ConfigureAwait(false))
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException e)
        {
            TransportLog.ConnectionFailed(_logger, Id, Remote, e.Message);
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
            onClosed(this);
        }
    }

    /// <summary>Parses every whole message in the buffer; returns false when the connection must close.</summary>
    private async ValueTask<bool> ProcessAsync(ISipTransportSink sink, PipeReader reader, ReadOnlySequence<byte> buffer)
    {
        var consumed = buffer.Start;
        var examined = buffer.Start;
        try
        {
            while (true)
            {
                if (StartsWithPing(buffer))
                {
                    await SendAsync(Pong, CancellationToken.None).ConfigureAwait(false);
                    buffer = buffer.Slice(4);
                    consumed = examined = buffer.Start;
                    continue;
                }

                if (!SipMessageParser.TryParseStream(buffer, out var message, out consumed, out examined))
                {
                    break;
                }

                buffer = buffer.Slice(consumed);
                try
                {
                    sink.OnMessage(message!, Endpoint);
                }
#pragma warning disable CA1031 // The read loop must survive a failing handler; the error is logged.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    TransportLog.HandlerFailed(_logger, e, Endpoint);
                }
            }
        }
        catch (SipParseException e)
        {
            // Framing is lost once a stream message is malformed: report it (400) and close (RFC 3261 §18.3).
            sink.OnMalformed(e.PartialMessage is null ? WithHeaderBlock(e, buffer) : e, Endpoint);
            reader.AdvanceTo(buffer.End);
            return false;
        }

        reader.AdvanceTo(consumed, examined);
        return true;
    }

    /// <summary>
    /// A framing error (no Content-Length, oversized) carries no message; the header block parsed as a
    /// datagram gives the Via/From/To/Call-ID/CSeq needed to answer 400 with the reason.
    /// </summary>
    private static SipParseException WithHeaderBlock(SipParseException error, ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, SipMessageParser.MaxHeaderBytes);
        var bytes = buffer.Slice(0, length).ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return error;
        }

        try
        {
            var head = SipMessageParser.ParseDatagram(bytes.AsMemory(0, end + 4));
            return new SipParseException(error.Reason, error.Offset, error.StatusCode) { PartialMessage = head };
        }
        catch (SipParseException)
        {
            return error;
        }
    }

    private static bool StartsWithPing(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(head);
        return head.SequenceEqual("\r\n\r\n"u8);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            Touch();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            throw new SipTransportException($"TCP send on connection {Id} to {Remote} failed: {e.Message}", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task CloseAsync()
    {
        if (!_closed.IsCancellationRequested)
        {
            await _closed.CancelAsync().ConfigureAwait(false);
        }

        // Let a write already under way (a 400 for the message that closes us) reach the peer first.
        var drained = await _writeLock.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        if (drained)
        {
            _writeLock.Release();
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, Environment.TickCount64 * TimeSpan.TicksPerMillisecond);

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _closed.Dispose();
        _writeLock.Dispose();
    }
}
