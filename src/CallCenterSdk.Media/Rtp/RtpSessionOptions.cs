namespace CallCenterSdk.Media.Rtp;

/// <summary>Settings of one <see cref="RtpSession"/>; the defaults fit a G.711 call leg.</summary>
public sealed class RtpSessionOptions
{
    /// <summary>The CNAME sent in every compound (RFC 3550 §6.5.1), for example <c>user@host</c> or a random UUID (RFC 7022).</summary>
    public required string CanonicalName { get; init; }

    /// <summary>The clock rate used for payload types not listed in <see cref="PayloadClockRates"/>. Default 8000.</summary>
    public int DefaultClockRate { get; init; } = 8000;

    /// <summary>Clock rate per payload type as negotiated in SDP (for example 0 → 8000, 101 → 8000, 111 → 48000).</summary>
    public IReadOnlyDictionary<byte, int> PayloadClockRates { get; init; } = new Dictionary<byte, int>();

    /// <summary>RTP and RTCP share one port (RFC 5761). Default false.</summary>
    public bool RtcpMux { get; init; }

    /// <summary>
    /// Latch the remote address to the source packets actually come from (symmetric RTP, RFC 4961), so media
    /// reaches callers behind NAT. Default true.
    /// </summary>
    public bool SymmetricRtp { get; init; } = true;

    /// <summary>How long the latched address must be silent before another address may take over. Default 1 s.</summary>
    public TimeSpan RelatchAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The session bandwidth in bits per second (SDP b=AS); RTCP gets 5% of it (RFC 3550 §6.2). Default 80,000 (G.711 with headers).</summary>
    public double SessionBandwidth { get; init; } = 80_000;

    /// <summary>Use the reduced RTCP minimum interval of RFC 3550 §6.2 (360 / kbit/s) instead of 5 s. Default false.</summary>
    public bool ReducedMinimumInterval { get; init; }

    /// <summary>The most remote sources tracked at once, which bounds memory under attack. Default 16.</summary>
    public int MaxRemoteSources { get; init; } = 16;
}
