namespace CallCenterSdk.Media.Rtcp;

/// <summary>Tells RTP from RTCP on one port when rtcp-mux is in use (RFC 5761 §4).</summary>
public static class RtcpDemultiplexer
{
    /// <summary>
    /// True when the second octet is 192-223: RTCP packet types live there, and RTP payload types 64-95 that
    /// would collide are not used with rtcp-mux (RFC 5761 §4).
    /// </summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) => datagram.Length >= 2 && datagram[1] is >= 192 and <= 223;
}
