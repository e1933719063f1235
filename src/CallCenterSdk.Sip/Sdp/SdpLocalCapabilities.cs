using System.Globalization;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The local side of an offer/answer exchange: the origin we sign our descriptions with, the address we
/// receive media on, and one <see cref="SdpMediaCapabilities"/> per media type we handle. A media type
/// that is not listed (for example video in a call center) is rejected with port 0.
/// </summary>
public sealed class SdpLocalCapabilities
{
    /// <summary>Creates local capabilities.</summary>
    /// <param name="address">The address we receive media on (IPv4, IPv6 or host name); goes into o= and c=.</param>
    /// <param name="sessionId">The numeric o= session id, unique per session (see <see cref="NewSessionId"/>).</param>
    public SdpLocalCapabilities(string address, string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        Address = address;
        SessionId = sessionId;
    }

    /// <summary>The o= user name; <c>-</c> by default (RFC 8866 §5.2, for privacy).</summary>
    public string UserName { get; set; } = "-";

    /// <summary>The o= session id.</summary>
    public string SessionId { get; }

    /// <summary>The o= version of the first description we send for this session.</summary>
    public ulong SessionVersion { get; set; } = 1;

    /// <summary>The s= line; <c>-</c> by default.</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>The address we receive media on.</summary>
    public string Address { get; }

    /// <summary>The media we can handle, one entry per media type.</summary>
    public IList<SdpMediaCapabilities> Media { get; } = [];

    /// <summary>A fresh numeric session id from an injected random source (RFC 8866 §5.2 suggests an NTP-like number).</summary>
    public static string NewSessionId(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
    }

    internal SdpOrigin CreateOrigin() =>
        new(UserName, SessionId, SessionVersion, "IN", Address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", Address);
}
