using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Timers;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>A SIP transaction (RFC 3261 §17): a request and the responses to it, with its timers.</summary>
public abstract class SipTransaction
{
    internal SipTransaction(SipRequest request, SipEndpoint endpoint, TransactionKey key, TransactionState initial)
    {
        Request = request;
        Endpoint = endpoint;
        Key = key;
        State = initial;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>The remote side: where the request went (client) or where responses go (server).</summary>
    public SipEndpoint Endpoint { get; }

    /// <summary>The current state.</summary>
    public TransactionState State { get; internal set; }

    /// <summary>True for INVITE transactions.</summary>
    public bool IsInvite => Request.Method == SipMethod.Invite;

    /// <summary>The top Via branch that identifies the transaction.</summary>
    public string Branch => Request.TopVia.Branch ?? string.Empty;

    /// <summary>The last response received (client) or sent (server).</summary>
    public SipResponse? LastResponse { get; internal set; }

    /// <summary>Anything the transaction user wants to keep with the transaction (a dialog, a call leg).</summary>
    public object? UserState { get; set; }

    internal TransactionKey Key { get; }

    internal TimerHandle RetransmitTimer { get; set; }

    internal TimerHandle TimeoutTimer { get; set; }

    internal long RetransmitIntervalMs { get; set; }

    /// <summary>The bytes that a retransmission repeats (the request, or the last response); empty when none is due.</summary>
    internal ReadOnlyMemory<byte> RetransmitBytes { get; set; }

    /// <summary>Called when one of this transaction's timers fires.</summary>
    internal abstract void OnTimer(TransactionLayer layer, TransactionTimer timer, long nowMs);

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {Request.Method} {Branch} {State}";
}
