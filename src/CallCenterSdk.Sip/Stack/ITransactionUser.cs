using CallCenterSdk.Sip.Transactions;

namespace CallCenterSdk.Sip.Stack;

/// <summary>
/// The transaction user (RFC 3261 §17): a user agent core, registrar or B2BUA. The stack calls it
/// outside its locks, one event at a time per message, from transport threads.
/// </summary>
public interface ITransactionUser
{
    /// <summary>Handles one event; it may call back into the stack (send responses and requests).</summary>
    void OnTransactionEvent(SipStack stack, TransactionEvent transactionEvent);
}
