namespace CallCenterSdk.Sip.Transport;

/// <summary>The transport a SIP message travels on (the Via transport token).</summary>
public enum SipTransportProtocol
{
    /// <summary>UDP: unreliable, so transactions retransmit (RFC 3261 §17).</summary>
    Udp,

    /// <summary>TCP: reliable, stream framed by Content-Length (RFC 3261 §18.3).</summary>
    Tcp,

    /// <summary>TLS over TCP (later).</summary>
    Tls,

    /// <summary>WebSocket (RFC 7118, later).</summary>
    Ws,

    /// <summary>Secure WebSocket (RFC 7118, later).</summary>
    Wss,
}

/// <summary>Facts about transport protocols.</summary>
public static class SipTransportProtocols
{
    /// <summary>True when the transport delivers reliably, so no retransmission timers run (RFC 3261 §17.1.1.2).</summary>
    public static bool IsReliable(this SipTransportProtocol protocol) => protocol != SipTransportProtocol.Udp;

    /// <summary>The Via transport token: UDP, TCP, TLS, WS, WSS.</summary>
    public static string ViaToken(this SipTransportProtocol protocol) => protocol switch
    {
        SipTransportProtocol.Udp => "UDP",
        SipTransportProtocol.Tcp => "TCP",
        SipTransportProtocol.Tls => "TLS",
        SipTransportProtocol.Ws => "WS",
        _ => "WSS",
    };

    /// <summary>Reads a Via transport token (case-insensitive).</summary>
    public static bool TryParse(string token, out SipTransportProtocol protocol)
    {
        foreach (var candidate in Enum.GetValues<SipTransportProtocol>())
        {
            if (string.Equals(candidate.ViaToken(), token, StringComparison.OrdinalIgnoreCase))
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = SipTransportProtocol.Udp;
        return false;
    }
}
