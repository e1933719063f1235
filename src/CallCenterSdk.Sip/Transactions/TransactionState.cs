namespace CallCenterSdk.Sip.Transactions;

/// <summary>The states of RFC 3261 §17 transactions, with Accepted from RFC 6026.</summary>
public enum TransactionState
{
    /// <summary>Client INVITE: request sent, no response yet.</summary>
    Calling,

    /// <summary>Client non-INVITE and server non-INVITE: request sent / received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was received or sent.</summary>
    Proceeding,

    /// <summary>A final response was received or sent; retransmissions are absorbed or repeated.</summary>
    Completed,

    /// <summary>Server INVITE: the ACK for a non-2xx final arrived.</summary>
    Confirmed,

    /// <summary>INVITE with a 2xx (RFC 6026 §7): retransmissions of the 2xx or the INVITE are still matched.</summary>
    Accepted,

    /// <summary>Done; the transaction is removed.</summary>
    Terminated,
}
