using System.Net;
using CallCenterSdk.Sip.Transactions;

namespace CallCenterSdk.Sip.Stack;

/// <summary>Options of a <see cref="SipStack"/>.</summary>
public sealed class SipStackOptions
{
    /// <summary>Where to listen; several UDP and TCP endpoints, IPv4 and IPv6, may be given.</summary>
    public IList<SipListenEndPoint> ListenEndPoints { get; } = [];

    /// <summary>Transaction timers (T1, T2, T4, Timer D).</summary>
    public SipTimerSettings Timers { get; init; } = new();

    /// <summary>TCP connections idle this long are closed.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Per-source admission, the hook for rate limits against SIP scanners: return false to drop a message
    /// from that address silently. Called on the receive path, so keep it cheap.
    /// </summary>
    public Func<IPEndPoint, bool>? AdmitSource { get; init; }

    /// <summary>The Server / User-Agent product token written by user agents of this stack.</summary>
    public string Product { get; init; } = "CallCenterSdk";
}
