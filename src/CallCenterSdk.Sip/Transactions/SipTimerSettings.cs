using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>
/// The base timer values of RFC 3261 §17 (Table 4) from which every transaction timer derives.
/// Defaults are the RFC's: T1 = 500 ms, T2 = 4 s, T4 = 5 s.
/// </summary>
public sealed record SipTimerSettings
{
    /// <summary>The round-trip estimate; retransmissions start at T1 and timeouts are 64*T1.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest retransmission interval for non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The longest time a message stays in the network.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D: wait for response retransmissions after a non-2xx final (≥ 32 s on UDP, 0 on reliable transports).</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>Whether a server INVITE transaction answers 100 Trying at once (RFC 3261 §17.2.1 allows it always).</summary>
    public bool SendTryingImmediately { get; init; } = true;

    internal long T1Ms => (long)T1.TotalMilliseconds;

    internal long T2Ms => (long)T2.TotalMilliseconds;

    internal long T4Ms => (long)T4.TotalMilliseconds;

    /// <summary>64*T1: Timers B, F, H, J (unreliable), L and M.</summary>
    internal long Timeout64Ms => 64 * T1Ms;

    internal long TimerDMs(SipTransportProtocol p) => p.IsReliable() ? 0 : (long)TimerD.TotalMilliseconds;

    internal long TimerIMs(SipTransportProtocol p) => p.IsReliable() ? 0 : T4Ms;

    internal long TimerJMs(SipTransportProtocol p) => p.IsReliable() ? 0 : Timeout64Ms;

    internal long TimerKMs(SipTransportProtocol p) => p.IsReliable() ? 0 : T4Ms;
}
