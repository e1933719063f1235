namespace CallCenterSdk.Crm.Cdr;

/// <summary>Direction of a call leg as seen from the center.</summary>
public enum CallDirection
{
    /// <summary>Into the center (customer calls).</summary>
    Inbound,

    /// <summary>Out of the center (agent or dialer calls out).</summary>
    Outbound,

    /// <summary>Between extensions of the center.</summary>
    Internal,
}
