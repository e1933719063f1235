namespace CallCenterSdk.Sip.Sdp;

/// <summary>The media direction attributes of RFC 8866 §6.7 and RFC 3264 §5.1, seen from the party that wrote them.</summary>
public enum SdpDirection
{
    /// <summary><c>a=sendrecv</c>: the default when no direction attribute is present.</summary>
    SendReceive = 0,

    /// <summary><c>a=sendonly</c>: the writer only sends (it has put the other side on hold).</summary>
    SendOnly = 1,

    /// <summary><c>a=recvonly</c>: the writer only receives.</summary>
    ReceiveOnly = 2,

    /// <summary><c>a=inactive</c>: no media in either direction.</summary>
    Inactive = 3,
}

/// <summary>Operations on <see cref="SdpDirection"/> used by offer/answer.</summary>
public static class SdpDirections
{
    /// <summary>True when the direction includes sending.</summary>
    public static bool CanSend(this SdpDirection direction) => direction is SdpDirection.SendReceive or SdpDirection.SendOnly;

    /// <summary>True when the direction includes receiving.</summary>
    public static bool CanReceive(this SdpDirection direction) => direction is SdpDirection.SendReceive or SdpDirection.ReceiveOnly;

    /// <summary>Builds a direction from its two halves.</summary>
    public static SdpDirection From(bool send, bool receive) => (send, receive) switch
    {
        (true, true) => SdpDirection.SendReceive,
        (true, false) => SdpDirection.SendOnly,
        (false, true) => SdpDirection.ReceiveOnly,
        _ => SdpDirection.Inactive,
    };

    /// <summary>The same direction seen from the other party (sendonly becomes recvonly).</summary>
    public static SdpDirection Reverse(this SdpDirection direction) => From(direction.CanReceive(), direction.CanSend());

    /// <summary>The directions both allow (RFC 3264 §6.1: the answer may only narrow the offer).</summary>
    public static SdpDirection Intersect(this SdpDirection direction, SdpDirection other) =>
        From(direction.CanSend() && other.CanSend(), direction.CanReceive() && other.CanReceive());

    /// <summary>The attribute name of a direction (<c>sendrecv</c>, <c>sendonly</c>, <c>recvonly</c>, <c>inactive</c>).</summary>
    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.ReceiveOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>Maps an attribute name to a direction; false for any other attribute.</summary>
    public static bool TryParse(string attributeName, out SdpDirection direction)
    {
        switch (attributeName)
        {
            case "sendrecv": direction = SdpDirection.SendReceive; return true;
            case "sendonly": direction = SdpDirection.SendOnly; return true;
            case "recvonly": direction = SdpDirection.ReceiveOnly; return true;
            case "inactive": direction = SdpDirection.Inactive; return true;
            default: direction = SdpDirection.SendReceive; return false;
        }
    }
}
