namespace CallCenterSdk.Calls;

/// <summary>Which side started a leg.</summary>
public enum CallDirection
{
    /// <summary>The peer called us.</summary>
    Inbound,

    /// <summary>We called the peer.</summary>
    Outbound,
}
