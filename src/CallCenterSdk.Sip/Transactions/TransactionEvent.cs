using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>What the transaction layer reports to its user (RFC 3261 §17: the TU).</summary>
public enum TransactionEventKind
{
    /// <summary>A new request created a server transaction; answer it with <see cref="TransactionLayer.SendResponse"/>.</summary>
    Request,

    /// <summary>An ACK for a 2xx (it has no transaction, §17.1.1.3); the dialog consumes it.</summary>
    Ack,

    /// <summary>A response for a client transaction (provisional, final, or a 2xx retransmission in Accepted).</summary>
    Response,

    /// <summary>A response that matches no transaction (for example a 2xx retransmission after Timer M).</summary>
    StrayResponse,

    /// <summary>A client transaction got no final response in time (Timer B/F), or a server INVITE got no ACK (Timer H).</summary>
    Timeout,

    /// <summary>The transport could not deliver a message of the transaction (§17.1.4, §17.2.4).</summary>
    TransportError,
}

/// <summary>One report from the transaction layer to its user.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Transaction">The transaction, or null for ACKs and stray responses.</param>
/// <param name="Message">The message received, if any.</param>
/// <param name="Endpoint">Where the message came from (or the transaction's remote side).</param>
/// <param name="Reason">A description for timeouts and transport errors.</param>
public readonly record struct TransactionEvent(TransactionEventKind Kind, SipTransaction? Transaction, SipMessage? Message, SipEndpoint Endpoint, string? Reason = null);

/// <summary>A message the transaction layer wants sent; the shell hands it to the transport.</summary>
/// <param name="Bytes">The serialized message.</param>
/// <param name="Destination">Where it goes.</param>
/// <param name="Transaction">The transaction it belongs to, for transport-error reports (null for stateless sends).</param>
public readonly record struct OutgoingMessage(ReadOnlyMemory<byte> Bytes, SipEndpoint Destination, SipTransaction? Transaction);

/// <summary>Counters kept by the transaction layer, read by the host for metrics.</summary>
public sealed class TransactionStatistics
{
    /// <summary>Retransmissions sent (requests by clients, responses by servers).</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Transactions that timed out (Timers B, F and H).</summary>
    public long Timeouts { get; internal set; }

    /// <summary>Transactions created.</summary>
    public long Created { get; internal set; }

    /// <summary>Transport errors reported for transactions.</summary>
    public long TransportErrors { get; internal set; }

    /// <summary>100 Trying responses the layer sent itself (<see cref="SipTimerSettings.SendTryingImmediately"/>).</summary>
    public long TryingSent { get; internal set; }
}
