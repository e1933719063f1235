namespace CallCenterSdk.Sip.Transactions;

/// <summary>The named timers of RFC 3261 §17 (Table 4) and RFC 6026.</summary>
public enum TransactionTimer
{
    /// <summary>INVITE request retransmission (client, unreliable).</summary>
    A,

    /// <summary>INVITE transaction timeout (client).</summary>
    B,

    /// <summary>Wait for response retransmissions after a non-2xx (client INVITE).</summary>
    D,

    /// <summary>Non-INVITE request retransmission (client, unreliable).</summary>
    E,

    /// <summary>Non-INVITE transaction timeout (client).</summary>
    F,

    /// <summary>INVITE final response retransmission (server, unreliable).</summary>
    G,

    /// <summary>Wait for ACK (server INVITE).</summary>
    H,

    /// <summary>Wait for ACK retransmissions (server INVITE).</summary>
    I,

    /// <summary>Wait for non-INVITE request retransmissions (server).</summary>
    J,

    /// <summary>Wait for non-INVITE response retransmissions (client).</summary>
    K,

    /// <summary>Server INVITE in Accepted: wait for INVITE retransmissions (RFC 6026).</summary>
    L,

    /// <summary>Client INVITE in Accepted: wait for 2xx retransmissions (RFC 6026).</summary>
    M,
}
