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

    internal abstract void Start(TransactionLayer layer, long nowMs);

    internal abstract void OnResponse(TransactionLayer layer, SipResponse response, long nowMs);
}
