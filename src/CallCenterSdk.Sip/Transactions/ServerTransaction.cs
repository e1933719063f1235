using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>A server transaction: we received the request and the transaction user answers it (RFC 3261 §17.2).</summary>
public abstract class ServerTransaction : SipTransaction
{
    internal ServerTransaction(SipRequest request, SipEndpoint source, TransactionState initial)
        : base(request, source, TransactionKey.ForServer(request), initial)
    {
    }

    private SipEndpoint? _responseDestination;

    /// <summary>
    /// Where responses go: the connection for reliable transports, else per RFC 3261 §18.2.2 and RFC 3581. Worked out
    /// once: every response and retransmission of the transaction goes to the same place.
    /// </summary>
    internal SipEndpoint ResponseDestination => _responseDestination ??= FindResponseDestination();

    private SipEndpoint FindResponseDestination()
    {
        if (Endpoint.IsReliable)
        {
            return Endpoint;
        }

        var via = Request.TopVia;
        // RFC 3581 §4: with rport, answer the source address and port; otherwise the sent-by port at the source address.
        var port = via.HasRPort ? Endpoint.Remote.Port : via.Port ?? 5060;
        return port == Endpoint.Remote.Port ? Endpoint : Endpoint with { Remote = new System.Net.IPEndPoint(Endpoint.Remote.Address, port) };
    }

    /// <summary>A retransmission of the request arrived.</summary>
    internal abstract void OnRequestRetransmission(TransactionLayer layer, long nowMs);

    /// <summary>The transaction user sends a response.</summary>
    internal abstract void SendResponse(TransactionLayer layer, SipResponse response, long nowMs);
}
