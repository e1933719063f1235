using System.Globalization;
using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Uris;

/// <summary>
/// A <c>sip:</c> or <c>sips:</c> URI (RFC 3261 §19.1): user, password, host, port, URI parameters and headers.
/// Components are held unescaped and re-escaped on output; equality follows §19.1.4.
/// </summary>
public sealed class SipUri : AddressUri
{
    // RFC 3261 §19.1.4: these parameters, when present in either URI, must be present in both and match.
    private static readonly string[] MustMatchParameters = ["user", "ttl", "method", "maddr", "transport"];

    /// <summary>Creates a SIP URI.</summary>
    /// <param name="scheme">sip or sips.</param>
    /// <param name="user">The user part (unescaped), or null.</param>
    /// <param name="host">The host: a hostname, IPv4 address or bracketed IPv6 reference.</param>
    /// <param name="port">The port, or null when absent (which is not the same as 5060, §19.1.4).</param>
    /// <param name="parameters">URI parameters (unescaped values), or null.</param>
    /// <param name="headers">URI headers (unescaped values), or null.</param>
    /// <param name="password">The password (unescaped; its use is not recommended, §19.1.1), or null.</param>
    public SipUri(SipUriScheme scheme, string? user, string host, int? port = null, SipParameters? parameters = null, SipParameters? headers = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "a port is 0-65535");
        }

        UriScheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters ?? SipParameters.Empty;
        Headers = headers ?? SipParameters.Empty;
    }

    /// <summary>sip or sips.</summary>
    public SipUriScheme UriScheme { get; }

    /// <inheritdoc/>
    public override string Scheme => UriScheme == SipUriScheme.Sips ? "sips" : "sip";

    /// <summary>The user part, unescaped (<c>sip:%75ser@h</c> gives <c>user</c>), or null.</summary>
    public string? User { get; }

    /// <summary>The password, unescaped, or null.</summary>
    public string? Password { get; }

    /// <summary>The host as written (hostname, IPv4, or IPv6 reference in brackets).</summary>
    public string Host { get; }

    /// <summary>The port, or null when absent.</summary>
    public int? Port { get; }

    /// <summary>URI parameters such as <c>transport</c>, <c>lr</c>, <c>maddr</c>, with unescaped values.</summary>
    public SipParameters Parameters { get; }

    /// <summary>URI headers (after <c>?</c>), with unescaped values.</summary>
    public SipParameters Headers { get; }

    /// <summary>The <c>transport</c> parameter, or null.</summary>
    public string? Transport => Parameters["transport"];

    /// <summary>Whether the <c>lr</c> (loose routing, RFC 3261 §19.1.1) parameter is present.</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>A copy with different parameters.</summary>
    /// <param name="parameters">The new parameters.</param>
    /// <returns>The new URI.</returns>
    public SipUri WithParameters(SipParameters parameters) => new(UriScheme, User, Host, Port, parameters, Headers, Password);

    /// <summary>A copy without URI headers (what a Request-URI built from a Contact needs, §12.2.1.1).</summary>
    /// <returns>The new URI.</returns>
    public SipUri WithoutHeaders() => new(UriScheme, User, Host, Port, Parameters, null, Password);

    /// <summary>Parses a sip:/sips: URI; throws <see cref="SipParseException"/> when it is not one or malformed.</summary>
    /// <param name="text">The URI text.</param>
    /// <returns>The URI.</returns>
    public static new SipUri Parse(string text) =>
        AddressUri.Parse(text) as SipUri ?? throw new SipParseException("not a sip: or sips: URI", 0);

    /// <inheritdoc/>
    public override bool Equals(AddressUri? other)
    {
        // RFC 3261 §19.1.4
        if (other is not SipUri o || o.UriScheme != UriScheme)
        {
            return false;
        }

        if (!string.Equals(User, o.User, StringComparison.Ordinal)
            || !string.Equals(Password, o.Password, StringComparison.Ordinal)
            || !string.Equals(Host, o.Host, StringComparison.OrdinalIgnoreCase)
            || Port != o.Port)
        {
            return false;
        }

        foreach (var name in MustMatchParameters)
        {
            var a = Parameters.TryGetValue(name, out var va);
            var b = o.Parameters.TryGetValue(name, out var vb);
            if (a != b || !string.Equals(va, vb, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        // Other parameters: compared only when present in both.
        foreach (var p in Parameters)
        {
            if (o.Parameters.TryGetValue(p.Name, out var v) && !string.Equals(p.Value, v, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        // Headers are never ignored: same set, matching values.
        if (Headers.Count != o.Headers.Count)
        {
            return false;
        }

        foreach (var h in Headers)
        {
            if (!o.Headers.TryGetValue(h.Name, out var v) || !string.Equals(h.Value, v, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(UriScheme, User is null ? 0 : StringComparer.Ordinal.GetHashCode(User), StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Scheme).Append(':');
        if (User is not null)
        {
            SipText.AppendEscaped(sb, User, SipGrammar.IsUserChar);
            if (Password is not null)
            {
                sb.Append(':');
                SipText.AppendEscaped(sb, Password, SipGrammar.IsPasswordChar);
            }

            sb.Append('@');
        }

        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var p in Parameters)
        {
            sb.Append(';');
            SipText.AppendEscaped(sb, p.Name, SipGrammar.IsParamChar);
            if (p.Value is not null)
            {
                sb.Append('=');
                SipText.AppendEscaped(sb, p.Value, SipGrammar.IsParamChar);
            }
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&');
            SipText.AppendEscaped(sb, Headers[i].Name, SipGrammar.IsHeaderChar);
            sb.Append('=');
            SipText.AppendEscaped(sb, Headers[i].Value ?? string.Empty, SipGrammar.IsHeaderChar);
        }

        return sb.ToString();
    }
}
