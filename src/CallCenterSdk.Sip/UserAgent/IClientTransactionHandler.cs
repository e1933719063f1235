using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transactions;

namespace CallCenterSdk.Sip.UserAgent;

/// <summary>
/// Put in a client transaction's <see cref="SipTransaction.UserState"/> to receive its responses and
/// failures through the <see cref="SipUserAgent"/> (a registration client, a MESSAGE sender).
/// </summary>
public interface IClientTransactionHandler
{
    /// <summary>A response arrived.</summary>
    void OnResponse(ClientTransaction transaction, SipResponse response);

    /// <summary>The transaction timed out or the transport failed.</summary>
    void OnFailure(ClientTransaction transaction, string reason);
}
