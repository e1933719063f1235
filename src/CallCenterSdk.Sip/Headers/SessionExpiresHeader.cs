using System.Globalization;
using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>The Session-Expires header (RFC 4028 §4): the session interval in seconds and who refreshes (uac/uas).</summary>
public sealed class SessionExpiresHeader
{
    /// <summary>Creates a value.</summary>
    /// <param name="seconds">The session interval.</param>
    /// <param name="parameters">Parameters (refresher), or null.</param>
    public SessionExpiresHeader(uint seconds, SipParameters? parameters = null)
    {
        Seconds = seconds;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The session interval in seconds.</summary>
    public uint Seconds { get; }

    /// <summary>Parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>refresher</c> parameter (uac or uas), or null.</summary>
    public string? Refresher => Parameters["refresher"];

    internal static SessionExpiresHeader Read(ref SipValueReader r)
    {
        r.SkipLws();
        var seconds = r.ReadUInt32("Session-Expires");
        var parameters = ParameterReader.ReadAll(ref r);
        r.ExpectEnd("Session-Expires");
        return new SessionExpiresHeader(seconds, parameters);
    }

    /// <summary>The wire form.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Seconds.ToString(CultureInfo.InvariantCulture));
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
