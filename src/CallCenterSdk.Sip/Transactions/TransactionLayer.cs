using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Timers;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>
/// The transaction layer of RFC 3261 §17 (with RFC 6026) as a pure, deterministic core: messages and
/// the current time go in; messages to send and events for the transaction user come out through
/// <see cref="DrainOutbox"/> and <see cref="DrainEvents"/>, so the owning shell can act on them outside
/// its lock. Timers run on a <see cref="TimerWheel{T}"/> advanced by <see cref="Advance"/>.
/// Not thread-safe: the shell serialises calls.
/// </summary>
public sealed class TransactionLayer
{
    private readonly Dictionary<TransactionKey, ClientTransaction> _clients = [];
    private readonly Dictionary<TransactionKey, ServerTransaction> _servers = [];
    private readonly TimerWheel<TimerFire> _timers;
    private readonly List<TimerFire> _fired = [];
    private readonly List<OutgoingMessage> _outbox = [];
    private readonly List<TransactionEvent> _events = [];

    /// <summary>Creates a transaction layer whose clock starts at <paramref name="nowMs"/>.</summary>
    public TransactionLayer(SipTimerSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _timers = new TimerWheel<TimerFire>(nowMs, resolutionMs: 10);
    }

    /// <summary>The timer settings.</summary>
    public SipTimerSettings Settings { get; }

    /// <summary>Counters for metrics.</summary>
    public TransactionStatistics Statistics { get; } = new();

    /// <summary>Live client transactions.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Live server transactions.</summary>
    public int ServerCount => _servers.Count;

    /// <summary>
    /// Starts a client transaction for <paramref name="request"/> towards <paramref name="destination"/>
    /// (an ACK is not a transaction: send it with <see cref="SendStateless"/>).
    /// </summary>
    public ClientTransaction SendRequest(SipRequest request, SipEndpoint destination, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK creates no transaction; use SendStateless.", nameof(request));
        }

        ClientTransaction transaction = request.Method == SipMethod.Invite
            ? new ClientInviteTransaction(request, destination)
            : new ClientNonInviteTransaction(request, destination);
        if (!_clients.TryAdd(transaction.Key, transaction))
        {
            throw new InvalidOperationException($"A client transaction with branch {transaction.Branch} and method {request.Method} already exists.");
        }

        Statistics.Created++;
        Advance(nowMs);
        transaction.Start(this, nowMs);
        return transaction;
    }

    /// <summary>Sends <paramref name="response"/> on a server transaction created by a <see cref="TransactionEventKind.Request"/> event.</summary>
    public void SendResponse(ServerTransaction transaction, SipResponse response, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(response);
        transaction.SendResponse(this, response, nowMs);
    }

    /// <summary>Sends a message outside any transaction: an ACK for a 2xx, or a stateless response to a request we cannot parse.</summary>
    public void SendStateless(SipMessage message, SipEndpoint destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        _outbox.Add(new OutgoingMessage(WireBytes.Of(message), destination, null));
    }

    /// <summary>Hands a received request to its server transaction, or creates one and reports it (§17.2.3).</summary>
    public void ReceiveRequest(SipRequest request, SipEndpoint source, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(request);
        Advance(nowMs);
        var key = TransactionKey.ForServer(request);
        if (_servers.TryGetValue(key, out var existing))
        {
            if (request.Method == SipMethod.Ack)
            {
                if (existing is ServerInviteTransaction invite && AckMatches(key, invite, request))
                {
                    invite.OnAck(this, request, nowMs);
                    return;
                }
            }
            else
            {
                existing.OnRequestRetransmission(this, nowMs);
                return;
            }
        }

        if (request.Method == SipMethod.Ack)
        {
            Raise(TransactionEventKind.Ack, null, request, source);
            return;
        }

        ServerTransaction transaction = request.Method == SipMethod.Invite
            ? new ServerInviteTransaction(request, source)
            : new ServerNonInviteTransaction(request, source);
        _servers.Add(key, transaction);
        Statistics.Created++;
        Raise(TransactionEventKind.Request, transaction, request, source);
        if (transaction is ServerInviteTransaction serverInvite)
        {
            serverInvite.Start(this, nowMs);
        }
    }

    /// <summary>Hands a received response to its client transaction (§17.1.3), or reports it as stray.</summary>
    public void ReceiveResponse(SipResponse response, SipEndpoint source, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(response);
        Advance(nowMs);
        if (_clients.TryGetValue(TransactionKey.ForClient(response), out var transaction))
        {
            transaction.OnResponse(this, response, nowMs);
        }
        else
        {
            Raise(TransactionEventKind.StrayResponse, null, response, source);
        }
    }

    /// <summary>Finds the server INVITE transaction a CANCEL refers to (§9.2: same branch and sent-by, method INVITE).</summary>
    public ServerInviteTransaction? FindInviteForCancel(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        var key = TransactionKey.ForServer(cancel) with { Method = SipMethod.Invite.Name };
        return _servers.TryGetValue(key, out var transaction) ? transaction as ServerInviteTransaction : null;
    }

    /// <summary>The shell reports that the transport failed to send a message of <paramref name="transaction"/>.</summary>
    public void ReportTransportError(SipTransaction transaction, string reason)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.State == TransactionState.Terminated)
        {
            return;
        }

        Statistics.TransportErrors++;
        Raise(TransactionEventKind.TransportError, transaction, null, transaction.Endpoint, reason);
        Terminate(transaction);
    }

    /// <summary>Moves time forward to <paramref name="nowMs"/>, running every timer that is due.</summary>
    public void Advance(long nowMs)
    {
        _fired.Clear();
        if (_timers.Advance(nowMs, _fired) == 0)
        {
            return;
        }

        // Copy: a timer handler may schedule new timers that are due already.
        foreach (var fire in _fired.ToArray())
        {
            var transaction = fire.Transaction;
            if (transaction.State == TransactionState.Terminated)
            {
                continue;
            }

            if (fire.Timer is TransactionTimer.A or TransactionTimer.E or TransactionTimer.G)
            {
                transaction.RetransmitTimer = TimerHandle.None;
            }
            else
            {
                transaction.TimeoutTimer = TimerHandle.None;
            }

            transaction.OnTimer(this, fire.Timer, nowMs);
        }
    }

    /// <summary>The time in ms of the next timer, or null when none runs (lets the shell sleep until then).</summary>
    public long? NextTimerDueMs => _timers.Count == 0 ? null : _timers.NextDueMs();

    /// <summary>Moves the messages waiting to be sent into <paramref name="destination"/>; returns how many.</summary>
    public int DrainOutbox(List<OutgoingMessage> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var n = _outbox.Count;
        destination.AddRange(_outbox);
        _outbox.Clear();
        return n;
    }

    /// <summary>Moves the events waiting for the transaction user into <paramref name="destination"/>; returns how many.</summary>
    public int DrainEvents(List<TransactionEvent> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var n = _events.Count;
        destination.AddRange(_events);
        _events.Clear();
        return n;
    }

    internal void Send(SipTransaction transaction, ReadOnlyMemory<byte> bytes, SipEndpoint destination) =>
        _outbox.Add(new OutgoingMessage(bytes, destination, transaction));

    internal void Retransmit(SipTransaction transaction, ReadOnlyMemory<byte> bytes, SipEndpoint destination)
    {
        Statistics.Retransmissions++;
        Send(transaction, bytes, destination);
    }

    internal void Raise(TransactionEventKind kind, SipTransaction? transaction, SipMessage? message, SipEndpoint? endpoint = null, string? reason = null) =>
        _events.Add(new TransactionEvent(kind, transaction, message, endpoint ?? transaction!.Endpoint, reason));

    internal void Schedule(SipTransaction transaction, TransactionTimer timer, long dueMs)
    {
        var handle = _timers.Schedule(dueMs, new TimerFire(transaction, timer));
        if (timer is TransactionTimer.A or TransactionTimer.E or TransactionTimer.G)
        {
            transaction.RetransmitTimer = handle;
        }
        else
        {
            _timers.Cancel(transaction.TimeoutTimer);
            transaction.TimeoutTimer = handle;
        }
    }

    /// <summary>Schedules a wait timer, or terminates at once when its value is zero (reliable transports).</summary>
    internal void ScheduleOrTerminate(SipTransaction transaction, TransactionTimer timer, long nowMs, long durationMs)
    {
        if (durationMs <= 0)
        {
            Terminate(transaction);
        }
        else
        {
            Schedule(transaction, timer, nowMs + durationMs);
        }
    }

    internal void CancelRetransmit(SipTransaction transaction)
    {
        _timers.Cancel(transaction.RetransmitTimer);
        transaction.RetransmitTimer = TimerHandle.None;
    }

    internal void CancelTimers(SipTransaction transaction)
    {
        CancelRetransmit(transaction);
        _timers.Cancel(transaction.TimeoutTimer);
        transaction.TimeoutTimer = TimerHandle.None;
    }

    internal void TimeOut(SipTransaction transaction)
    {
        Statistics.Timeouts++;
        Raise(TransactionEventKind.Timeout, transaction, null, transaction.Endpoint, $"Timer expired in state {transaction.State}");
        Terminate(transaction);
    }

    internal void Terminate(SipTransaction transaction)
    {
        CancelTimers(transaction);
        transaction.State = TransactionState.Terminated;
        if (transaction is ClientTransaction client)
        {
            _clients.Remove(client.Key);
        }
        else if (transaction is ServerTransaction server)
        {
            _servers.Remove(server.Key);
        }
    }

    private static bool AckMatches(TransactionKey key, ServerInviteTransaction invite, SipRequest ack)
    {
        if (!key.IsLegacy)
        {
            return true;
        }

        // §17.2.3: an RFC 2543 ACK matches when its To tag equals the tag of the response we sent.
        return string.Equals(invite.LastResponse?.ToTag, ack.ToTag, StringComparison.Ordinal);
    }

    private readonly record struct TimerFire(SipTransaction Transaction, TransactionTimer Timer);
}
