using System.Globalization;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenterSdk.Sip.Stack;

/// <summary>
/// The I/O shell around the pure <see cref="TransactionLayer"/>: it owns the transports, feeds received
/// messages and the clock into the layer under one lock, then sends what the layer produced and tells the
/// <see cref="ITransactionUser"/> what happened, outside the lock. Malformed requests get a 400 with the
/// parser's reason, requests with Max-Forwards 0 a 483 (RFC 3261 §16.3), and the read loops never stop.
/// </summary>
public sealed class SipStack : ISipTransportSink, IAsyncDisposable
{
    private readonly SipStackOptions _options;
    private readonly ITransactionUser _user;
    private readonly TimeProvider _time;
    private volatile bool _disposed;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly long _startTimestamp;
    private readonly object _gate = new();
    private readonly object _sendOrder = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<TransactionEvent> _pendingEvents = new();
    private int _dispatching;
    private readonly List<OutgoingMessage> _outboxScratch = [];
    private readonly List<TransactionEvent> _eventsScratch = [];
    private int _flushDepth;
    private readonly TransactionLayer _layer;
    private readonly List<ISipTransport> _transports = [];
    private static readonly TimeSpan ClockPeriod = TimeSpan.FromMilliseconds(10);
    private ITimer? _clock;
    private ContactCache? _lastContact;
    private Thread? _clockThread;
    private readonly ManualResetEventSlim _clockStop = new(false, spinCount: 0);
    private long _reportedRetransmissions;
    private long _reportedTimeouts;
    private long _reportedTrying;

    /// <summary>Creates a stack; call <see cref="StartAsync"/> to bind its transports.</summary>
    public SipStack(SipStackOptions options, ITransactionUser user, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(user);
        _options = options;
        _user = user;
        _time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<SipStack>();
        _startTimestamp = _time.GetTimestamp();
        _layer = new TransactionLayer(options.Timers, NowMs);
    }

    /// <summary>The options.</summary>
    public SipStackOptions Options => _options;

    /// <summary>The started transports, in the order of <see cref="SipStackOptions.ListenEndPoints"/>.</summary>
    public IReadOnlyList<ISipTransport> Transports => _transports;

    /// <summary>Live client and server transactions.</summary>
    public int TransactionCount
    {
        get { lock (_gate) { return _layer.ClientCount + _layer.ServerCount; } }
    }

    /// <summary>The transaction counters.</summary>
    public TransactionStatistics Statistics => _layer.Statistics;

    private long NowMs => (long)_time.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    /// <summary>Binds every listen endpoint and starts the transaction clock.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_options.ListenEndPoints.Count == 0)
        {
            throw new InvalidOperationException("Give at least one listen endpoint.");
        }

        foreach (var listen in _options.ListenEndPoints)
        {
            ISipTransport transport = listen.Protocol switch
            {
                SipTransportProtocol.Udp => new UdpSipTransport(listen.EndPoint, _loggerFactory.CreateLogger<UdpSipTransport>()),
                SipTransportProtocol.Tcp => new TcpSipTransport(listen.EndPoint, _options.TcpIdleTimeout, logger: _loggerFactory.CreateLogger<TcpSipTransport>()),
                _ => throw new NotSupportedException($"Transport {listen.Protocol} is not available yet; use UDP or TCP."),
            };
            await transport.StartAsync(this, cancellationToken).ConfigureAwait(false);
            _transports.Add(transport);
            StackLog.Listening(_logger, transport.Protocol, transport.LocalEndPoint);
        }

        // Transaction timers have 10 ms resolution; T1 is 500 ms. On the system clock the ticks run on a thread of
        // their own: a thread-pool timer wakes a pool worker 100 times a second, and a woken worker spins
        // (sched_yield) before it sleeps again, which costs more CPU than the ticks themselves.
        if (ReferenceEquals(_time, TimeProvider.System))
        {
            _clockThread = new Thread(RunClock) { IsBackground = true, Name = "SIP transaction clock" };
            _clockThread.Start();
        }
        else
        {
            _clock = _time.CreateTimer(_ => Tick(), null, ClockPeriod, ClockPeriod);
        }
    }

    /// <summary>
    /// A Via for a request we send over <paramref name="protocol"/>: our bound address as sent-by, the
    /// given branch and <c>rport</c> (RFC 3581) so responses find us through NAT.
    /// </summary>
    public ViaHeader CreateVia(SipTransportProtocol protocol, string branch) =>
        CreateVia(new SipEndpoint(protocol, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)), branch);

    /// <summary>A Via for a request to <paramref name="destination"/>, from the transport that will carry it.</summary>
    public ViaHeader CreateVia(SipEndpoint destination, string branch)
    {
        var protocol = destination.Protocol;
        var local = LocalEndPoint(destination);
        return new ViaHeader(protocol.ViaToken(), HostOf(local), local.Port,
            new SipParameters([new SipParameter("branch", branch), new SipParameter("rport", null)]));
    }

    /// <summary>Our Contact for <paramref name="protocol"/>: <c>&lt;sip:user@address:port[;transport=tcp]&gt;</c>.</summary>
    public string CreateContact(SipTransportProtocol protocol, string user) =>
        CreateContact(new SipEndpoint(protocol, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)), user);

    /// <summary>Our Contact as seen from <paramref name="destination"/> (the transport that will carry the request).</summary>
    public string CreateContact(SipEndpoint destination, string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var protocol = destination.Protocol;
        var local = LocalEndPoint(destination);

        // Every dialog-creating response carries one: the last one made is kept (a transport's endpoint never changes).
        if (Volatile.Read(ref _lastContact) is { } last && ReferenceEquals(last.Local, local) && last.Protocol == protocol &&
            string.Equals(last.User, user, StringComparison.Ordinal))
        {
            return last.Contact;
        }

        var transport = protocol == SipTransportProtocol.Udp ? string.Empty : ";transport=" + protocol.ViaToken().ToLowerInvariant();
        var contact = string.Create(CultureInfo.InvariantCulture, $"<sip:{user}@{HostOf(local)}:{local.Port}{transport}>");
        Volatile.Write(ref _lastContact, new ContactCache(local, protocol, user, contact));
        return contact;
    }

    private sealed record ContactCache(System.Net.IPEndPoint Local, SipTransportProtocol Protocol, string User, string Contact);

    private System.Net.IPEndPoint LocalEndPoint(SipEndpoint destination) =>
        (SelectTransport(destination) ?? throw new InvalidOperationException($"No {destination.Protocol} transport is started.")).LocalEndPoint;

    /// <summary>
    /// The transport for a message to <paramref name="destination"/>: the one it arrived on when known,
    /// else the first of its protocol and address family, else the first of its protocol.
    /// </summary>
    public ISipTransport? SelectTransport(SipEndpoint destination)
    {
        ISipTransport? sameFamily = null;
        foreach (var transport in _transports)
        {
            if (transport.Protocol != destination.Protocol)
            {
                continue;
            }

            if (destination.Local is { } local && transport.LocalEndPoint.Equals(local))
            {
                return transport;
            }

            if (sameFamily is null && transport.LocalEndPoint.AddressFamily == destination.Remote.AddressFamily)
            {
                sameFamily = transport;
            }
        }

        return sameFamily ?? GetTransport(destination.Protocol);
    }

    private static string HostOf(System.Net.IPEndPoint endPoint) =>
        endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]" : endPoint.Address.ToString();

    /// <summary>The first started transport of <paramref name="protocol"/>, or null.</summary>
    public ISipTransport? GetTransport(SipTransportProtocol protocol) => _transports.FirstOrDefault(t => t.Protocol == protocol);

    /// <summary>
    /// Starts a client transaction (INVITE or non-INVITE) for <paramref name="request"/>. A request over
    /// UDP larger than 1300 bytes goes over TCP instead when a TCP transport runs (RFC 3261 §18.1.1),
    /// with its top Via rewritten to TCP. <paramref name="userState"/> becomes the transaction's
    /// <see cref="SipTransaction.UserState"/> before the request leaves, so a response that arrives at once (another
    /// thread, loopback) already finds it; setting it after this method returns races with that response.
    /// </summary>
    public ClientTransaction SendRequest(SipRequest request, SipEndpoint destination, object? userState = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (destination.Protocol == SipTransportProtocol.Udp && request.Bytes.Length > UdpMtuLimit && GetTransport(SipTransportProtocol.Tcp) is not null)
        {
            request = WithTopViaTransport(request, SipTransportProtocol.Tcp);
            destination = destination with { Protocol = SipTransportProtocol.Tcp, ConnectionId = 0 };
        }

        ClientTransaction transaction;
        lock (_gate)
        {
            transaction = _layer.SendRequest(request, destination, NowMs);
            transaction.UserState = userState;
        }

        CountSent(request, destination);
        Flush();
        return transaction;
    }

    /// <summary>
    /// Sends a response on a server transaction. Its top Via gets <c>received</c> when the source address
    /// differs from sent-by (RFC 3261 §18.2.1, any transport) or the request asked for <c>rport</c>, and then
    /// the <c>rport</c> value too (RFC 3581 §4).
    /// </summary>
    public void SendResponse(ServerTransaction transaction, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(response);
        response = ReceivedParameters.AddTo(response, transaction.Request, transaction.Endpoint.Remote);
        bool retransmission;
        lock (_gate)
        {
            // A 2xx in Accepted is the user agent retransmitting it (§13.3.1.4): sip.retransmissions counts it.
            retransmission = transaction.State == TransactionState.Accepted;
            _layer.SendResponse(transaction, response, NowMs);
        }

        if (!retransmission)
        {
            CountSent(response, transaction.Endpoint);
        }

        Flush();
    }

    /// <summary>Sends a message without a transaction (an ACK for a 2xx, a stateless response).</summary>
    public void SendStateless(SipMessage message, SipEndpoint destination)
    {
        lock (_gate)
        {
            _layer.SendStateless(message, destination);
        }

        CountSent(message, destination);
        Flush();
    }

    private void CountSent(SipMessage message, SipEndpoint destination)
    {
        // Counted and logged once per message the stack is asked to send; retransmissions are sip.retransmissions.
        if (message is SipRequest request)
        {
            SipMetrics.RequestsSent.Add(1, new KeyValuePair<string, object?>("method", request.Method.Name));
        }
        else
        {
            // The tag boxes the code: only when someone listens.
            if (SipMetrics.ResponsesSent.Enabled)
            {
                SipMetrics.ResponsesSent.Add(1, new KeyValuePair<string, object?>("code", ((SipResponse)message).StatusCode));
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            StackLog.Sent(_logger, Summary(message), destination);
        }
    }

    /// <summary>Finds the INVITE server transaction a CANCEL refers to (RFC 3261 §9.2).</summary>
    public ServerInviteTransaction? FindInviteForCancel(SipRequest cancel)
    {
        lock (_gate)
        {
            return _layer.FindInviteForCancel(cancel);
        }
    }

    /// <inheritdoc />
    void ISipTransportSink.OnMessage(SipMessage message, SipEndpoint source)
    {
        if (_options.AdmitSource is { } admit && !admit(source.Remote))
        {
            SipMetrics.Rejected.Add(1);
            return;
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            StackLog.Received(_logger, Summary(message), source);
        }

        if (message is SipRequest request)
        {
            SipMetrics.RequestsReceived.Add(1, new KeyValuePair<string, object?>("method", request.Method.Name));
            if (request.MaxForwards == 0 && request.Method != SipMethod.Ack)
            {
                // RFC 3261 §16.3 / §8.2: a request that may travel no further is refused.
                var tooManyHops = (SipResponse)SipMessageBuilder.CreateResponse(request, 483, toTag: request.ToTag is null ? "mf0" : null).Build();
                SendStateless(ReceivedParameters.AddTo(tooManyHops, source.Remote), ResponseDestination(request, source));
                return;
            }

            lock (_gate)
            {
                _layer.ReceiveRequest(request, source, NowMs);
            }
        }
        else
        {
            var response = (SipResponse)message;
            if (SipMetrics.ResponsesReceived.Enabled)
            {
                SipMetrics.ResponsesReceived.Add(1, new KeyValuePair<string, object?>("code", response.StatusCode));
            }
            lock (_gate)
            {
                _layer.ReceiveResponse(response, source, NowMs);
            }
        }

        Flush();
    }

    /// <inheritdoc />
    void ISipTransportSink.OnMalformed(SipParseException error, SipEndpoint source)
    {
        if (_options.AdmitSource is { } admit && !admit(source.Remote))
        {
            // Refused sources are dropped silently, malformed or not: a scanner's garbage is neither logged nor answered.
            SipMetrics.Rejected.Add(1);
            return;
        }

        SipMetrics.Malformed.Add(1);
        StackLog.Malformed(_logger, source, error.Reason, error.Offset);

        // RFC 3261 §8.2 / §16.3: answer 400 with the reason when we know enough of the request to address a
        // response; a malformed response or a request without Via/From/To/Call-ID/CSeq is dropped.
        if (error.PartialMessage is SipRequest partial && partial.Method != SipMethod.Ack)
        {
            try
            {
                var reason = error.Reason.Replace('\r', ' ').Replace('\n', ' ');
                var response = (SipResponse)SipMessageBuilder.CreateResponse(partial, error.StatusCode, reason, partial.ToTag is null ? "bad" : null).Build();
                SendStateless(ReceivedParameters.AddTo(response, source.Remote), ResponseDestination(partial, source));
            }
#pragma warning disable CA1031 // Without Via/CSeq no response can be formed; the message is dropped, as §18.2.1 allows.
            catch (Exception e) when (e is SipParseException or ArgumentException or InvalidOperationException or FormatException)
#pragma warning restore CA1031
            {
                StackLog.Malformed(_logger, source, "no response possible: " + e.Message, -1);
            }
        }
    }

    /// <summary>RFC 3261 §18.1.1: the path MTU (1500) less 200 bytes.</summary>
    public const int UdpMtuLimit = 1300;

    private static SipRequest WithTopViaTransport(SipRequest request, SipTransportProtocol protocol)
    {
        var bytes = request.Bytes.ToArray();
        foreach (var header in request.Headers)
        {
            if (header.Kind != HeaderKind.Via)
            {
                continue;
            }

            // The first Via line starts with the top Via: replace its "SIP/2.0/UDP" transport token.
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var name = System.Text.Encoding.UTF8.GetString(header.NameBytes);
            var at = text.IndexOf("\r\n" + name, StringComparison.Ordinal);
            var slash = at < 0 ? -1 : text.IndexOf("/UDP", at, StringComparison.OrdinalIgnoreCase);
            if (slash < 0)
            {
                break;
            }

            text = string.Concat(text.AsSpan(0, slash + 1), protocol.ViaToken(), text.AsSpan(slash + 4));
            return (SipRequest)SipMessageParser.ParseDatagram(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return request;
    }

    private static SipEndpoint ResponseDestination(SipRequest request, SipEndpoint source)
    {
        if (source.IsReliable)
        {
            return source;
        }

        try
        {
            var via = request.TopVia;
            var port = via.HasRPort ? source.Remote.Port : via.Port ?? 5060;
            return source with { Remote = new System.Net.IPEndPoint(source.Remote.Address, port) };
        }
#pragma warning disable CA1031 // A request whose Via cannot be read is answered to where it came from.
        catch (Exception)
#pragma warning restore CA1031
        {
            return source;
        }
    }

    private void RunClock()
    {
        while (!_clockStop.Wait(ClockPeriod))
        {
            lock (_gate)
            {
                _layer.Advance(NowMs);
            }

            SendAndQueue();

            // The clock thread never runs the user's handlers: one that blocks would stop every timer of the stack.
            // Timers seldom raise events (timeouts, transport errors); those go to the thread pool.
            if (!_pendingEvents.IsEmpty)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static stack => stack.DispatchEvents(), this, preferLocal: false);
            }
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            _layer.Advance(NowMs);
        }

        Flush();
    }

    private void Flush()
    {
        SendAndQueue();
        DispatchEvents();
    }

    private void SendAndQueue()
    {
        // Messages leave, and events are queued, in the order the core produced them: draining and issuing
        // happen under one lock, so a timer thread that drained an ACK cannot be overtaken by a BYE drained
        // later on another thread. (The lock order is always _sendOrder, then _gate.)
        lock (_sendOrder)
        {
            // The lists are reused: one flush per message must not cost two allocations. A send failing synchronously
            // flushes again from inside the loop below (same thread, the lock is re-entrant) with lists of its own.
            var nested = _flushDepth++ > 0;
            var outbox = nested ? new List<OutgoingMessage>() : _outboxScratch;
            var events = nested ? new List<TransactionEvent>() : _eventsScratch;
            try
            {
                lock (_gate)
                {
                    _layer.DrainOutbox(outbox);
                    _layer.DrainEvents(events);
                    PublishCounters();
                }

                foreach (var message in outbox)
                {
                    // The synchronous part of a send is the UDP sendto, or the FIFO queueing on a TCP connection.
                    Send(message);
                }

                foreach (var e in events)
                {
                    _pendingEvents.Enqueue(e);
                }
            }
            finally
            {
                outbox.Clear();
                events.Clear();
                _flushDepth--;
            }
        }
    }

    /// <summary>
    /// Delivers queued events one at a time, in order, with no lock held: whichever thread finds the
    /// dispatcher free runs it; a handler that calls back into the stack only queues more events, which the
    /// running dispatcher delivers after the handler returns (never nested, never concurrent).
    /// </summary>
    private void DispatchEvents()
    {
        while (!_pendingEvents.IsEmpty)
        {
            if (Interlocked.CompareExchange(ref _dispatching, 1, 0) != 0)
            {
                return;
            }

            try
            {
                while (_pendingEvents.TryDequeue(out var e))
                {
                    try
                    {
                        _user.OnTransactionEvent(this, e);
                    }
#pragma warning disable CA1031 // A failing transaction user must not take the stack down; it is logged.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        StackLog.UserFailed(_logger, ex, e.Kind);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _dispatching, 0);
            }
        }
    }

    private void PublishCounters()
    {
        var stats = _layer.Statistics;
        if (stats.Retransmissions != _reportedRetransmissions)
        {
            SipMetrics.Retransmissions.Add(stats.Retransmissions - _reportedRetransmissions);
            _reportedRetransmissions = stats.Retransmissions;
        }

        if (stats.Timeouts != _reportedTimeouts)
        {
            SipMetrics.Timeouts.Add(stats.Timeouts - _reportedTimeouts);
            _reportedTimeouts = stats.Timeouts;
        }

        if (stats.TryingSent != _reportedTrying)
        {
            SipMetrics.ResponsesSent.Add(stats.TryingSent - _reportedTrying, new KeyValuePair<string, object?>("code", 100));
            _reportedTrying = stats.TryingSent;
        }
    }

    private void Send(OutgoingMessage message)
    {
        if (_disposed)
        {
            // A late retransmission (a user agent's 2xx timer) after the stack was disposed: the network is gone.
            return;
        }

        var transport = SelectTransport(message.Destination);
        if (transport is null)
        {
            OnSendFailed(message, new SipTransportException($"No {message.Destination.Protocol} transport is started."), dispatch: false);
            return;
        }

        ValueTask sending;
        try
        {
            sending = transport.SendAsync(message.Bytes, message.Destination, CancellationToken.None);
        }
        catch (SipTransportException e)
        {
            OnSendFailed(message, e, dispatch: false);
            return;
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            return; // the stack was disposed while this send was on its way
        }

        // UDP sends complete here; only a send that has to wait (a TCP connection being opened) costs a task.
        if (sending.IsCompletedSuccessfully)
        {
            sending.GetAwaiter().GetResult();
        }
        else
        {
            _ = CompleteSendAsync(sending, message);
        }
    }

    private async Task CompleteSendAsync(ValueTask sending, OutgoingMessage message)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (SipTransportException e)
        {
            OnSendFailed(message, e, dispatch: true);
        }
    }

    /// <summary>
    /// Reports a failed send to its transaction. Inside a flush (<paramref name="dispatch"/> false) the events are only
    /// queued: the flush's caller delivers them (or, on the clock thread, hands them to the pool).
    /// </summary>
    private void OnSendFailed(OutgoingMessage message, SipTransportException e, bool dispatch)
    {
        SipMetrics.TransportErrors.Add(1);
        StackLog.SendFailed(_logger, message.Destination, e.Message);
        if (message.Transaction is { } transaction)
        {
            lock (_gate)
            {
                _layer.ReportTransportError(transaction, e.Message);
            }

            SendAndQueue();
            if (dispatch)
            {
                DispatchEvents();
            }
        }
    }

    private static string Summary(SipMessage message) => message switch
    {
        SipRequest r => $"{r.Method} {System.Text.Encoding.UTF8.GetString(r.RequestUriBytes)} cseq {r.CSeq.Number.ToString(CultureInfo.InvariantCulture)}",
        SipResponse s => $"{s.StatusCode.ToString(CultureInfo.InvariantCulture)} {s.CSeq.Method}",
        _ => message.GetType().Name,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_clock is not null)
        {
            await _clock.DisposeAsync().ConfigureAwait(false);
        }

        _clockStop.Set();
        if (_clockThread is { } clockThread && clockThread != Thread.CurrentThread)
        {
            clockThread.Join();
        }

        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }
}
