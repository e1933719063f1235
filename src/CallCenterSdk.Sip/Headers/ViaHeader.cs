using System.Globalization;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>
/// One Via value (RFC 3261 §20.42, §18.2.1; RFC 3581 rport): sent-protocol, sent-by and the parameters
/// <c>branch</c>, <c>received</c>, <c>rport</c>, <c>maddr</c>, <c>ttl</c> (others kept in order).
/// </summary>
public sealed class ViaHeader
{
    /// <summary>The RFC 3261 branch prefix that marks a globally unique transaction id (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Creates a Via value.</summary>
    /// <param name="transport">UDP, TCP, TLS, SCTP, WS ... (written in upper case).</param>
    /// <param name="host">The sent-by host.</param>
    /// <param name="port">The sent-by port, or null.</param>
    /// <param name="parameters">Parameters (branch first, by convention), or null.</param>
    public ViaHeader(string transport, string host, int? port, SipParameters? parameters = null)
        : this("SIP", "2.0", transport, host, port, parameters)
    {
    }

    /// <summary>Creates a Via value with an explicit protocol name and version.</summary>
    /// <param name="protocol">Protocol name (SIP).</param>
    /// <param name="version">Protocol version (2.0).</param>
    /// <param name="transport">Transport token.</param>
    /// <param name="host">The sent-by host.</param>
    /// <param name="port">The sent-by port, or null.</param>
    /// <param name="parameters">Parameters, or null.</param>
    public ViaHeader(string protocol, string version, string transport, string host, int? port, SipParameters? parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentException.ThrowIfNullOrEmpty(transport);
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "a port is 0-65535");
        }

        Protocol = protocol;
        Version = version;
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>Protocol name, normally <c>SIP</c>.</summary>
    public string Protocol { get; }

    /// <summary>Protocol version, normally <c>2.0</c>.</summary>
    public string Version { get; }

    /// <summary>Transport in upper case (UDP, TCP, TLS, SCTP, WS, WSS or an extension).</summary>
    public string Transport { get; }

    /// <summary>The sent-by host.</summary>
    public string Host { get; }

    /// <summary>The sent-by port, or null (the transport's default applies, §18.1).</summary>
    public int? Port { get; }

    /// <summary>All parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The branch (transaction id), or null (RFC 2543 peers, RFC 4475 §3.4.1).</summary>
    public string? Branch => Parameters["branch"];

    /// <summary>Whether the branch starts with the magic cookie and has an id after it (RFC 4475 §3.2.1 has none).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    /// <summary>The <c>received</c> address a server added (§18.2.1), or null.</summary>
    public string? Received => Parameters["received"];

    /// <summary>Whether an <c>rport</c> parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The <c>rport</c> value filled in by a server, or null when absent or empty.</summary>
    public int? RPort => Parameters["rport"] is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The <c>maddr</c> parameter, or null.</summary>
    public string? MAddr => Parameters["maddr"];

    /// <summary>The <c>ttl</c> parameter (0-255), or null.</summary>
    public int? Ttl => Parameters["ttl"] is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <summary>A copy with a parameter set (e.g. <c>received</c> and <c>rport</c> on receipt, §18.2.1).</summary>
    /// <param name="name">Parameter name.</param>
    /// <param name="value">Value, or null for a flag.</param>
    /// <returns>The new value.</returns>
    public ViaHeader WithParameter(string name, string? value) => new(Protocol, Version, Transport, Host, Port, Parameters.With(name, value));

    /// <summary>Parses one Via value; throws <see cref="SipParseException"/> when malformed.</summary>
    /// <param name="value">A single via-parm.</param>
    /// <returns>The Via.</returns>
    public static ViaHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var r = new SipValueReader(bytes);
        var via = Read(ref r);
        r.ExpectEnd("Via");
        return via;
    }

    internal static ViaHeader Read(ref SipValueReader r)
    {
        var parts = ViaScanner.Scan(ref r);
        var parameters = SipParameters.Empty;
        if (parts.Parameters.IsPresent)
        {
            var pr = new SipValueReader(r.Buffer, parts.Parameters.Start, parts.Parameters.End);
            parameters = ParameterReader.ReadAll(ref pr);
            Check(ref r, parameters, parts.Parameters.Start);
        }

        return new ViaHeader(
            r.GetString(parts.Protocol),
            r.GetString(parts.Version),
            r.GetString(parts.Transport),
            r.GetString(parts.Host),
            parts.Port < 0 ? null : parts.Port,
            parameters);
    }

    private static void Check(ref SipValueReader r, SipParameters parameters, int offset)
    {
        // RFC 3261 §20.42 via-ttl / via-received; RFC 3581 response-port.
        if (parameters.TryGetValue("ttl", out var ttl) && (ttl is null || !byte.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            r.FailAt("Via ttl must be 0-255", offset);
        }

        if (parameters.TryGetValue("rport", out var rport) && rport is not null
            && (!int.TryParse(rport, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535))
        {
            r.FailAt("Via rport must be a port number", offset);
        }

        if (parameters.TryGetValue("received", out var received) && (received is null || !IPAddress.TryParse(received.Trim('[', ']'), out _)))
        {
            r.FailAt("Via received must be an IP address", offset);
        }

        if (parameters.TryGetValue("maddr", out var maddr) && maddr is null)
        {
            r.FailAt("Via maddr needs a value", offset);
        }
    }

    /// <summary>The canonical form, e.g. <c>SIP/2.0/UDP host:5060;branch=z9hG4bK...</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Protocol).Append('/').Append(Version).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } p)
        {
            sb.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
