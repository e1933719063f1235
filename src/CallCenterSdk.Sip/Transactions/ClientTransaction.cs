using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>A client transaction: we sent the request and wait for responses (RFC 3261 §17.1).</summary>
public abstract class ClientTransaction : SipTransaction
{
    internal ClientTransaction(SipRequest request, SipEndpoint endpoint, TransactionState initial)
        : base(request, endpoint, TransactionKey.ForClient(request), initial)
    {
    }

    /// <summary>The timer that retransmits the request on unreliable transports (A or E).</summary>
    internal abstract TransactionTimer RetransmitTimerName { get; }

    /// <summary>The timer that ends the wait for a final response (B or F).</summary>
    internal abstract TransactionTimer TimeoutTimerName { get; }

    /// <summary>Sends the request; on UDP arms the retransmission timer at T1 (§17.1.1.2, §17.1.2.2); arms the 64*T1 timeout.</summary>
    internal void Start(TransactionLayer layer, long nowMs)
    {
        RetransmitBytes = WireBytes.Of(Request);
        layer.Send(this, RetransmitBytes, Endpoint);
        if (!Endpoint.IsReliable)
        {
            RetransmitIntervalMs = layer.Settings.T1Ms;
            layer.Schedule(this, RetransmitTimerName, nowMs + RetransmitIntervalMs);
        }

        layer.Schedule(this, TimeoutTimerName, nowMs + layer.Settings.Timeout64Ms);
    }

    internal abstract void OnResponse(TransactionLayer layer, SipResponse response, long nowMs);
}
