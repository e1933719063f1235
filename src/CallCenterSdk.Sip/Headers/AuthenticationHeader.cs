using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>
/// A challenge or credentials value (WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization;
/// RFC 3261 §20.7, §20.27, §20.28, §20.44, RFC 7616): a scheme and comma-separated <c>name=value</c> parameters.
/// Unknown schemes parse too (RFC 4475 §3.3.7).
/// </summary>
public sealed class AuthenticationHeader
{
    /// <summary>Creates a value.</summary>
    /// <param name="scheme">The scheme, e.g. Digest.</param>
    /// <param name="parameters">Parameters; values as written (quoted values keep their quotes).</param>
    public AuthenticationHeader(string scheme, SipParameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(parameters);
        Scheme = scheme;
        Parameters = parameters;
    }

    /// <summary>The scheme as written (Digest compared case-insensitively).</summary>
    public string Scheme { get; }

    /// <summary>Whether the scheme is Digest.</summary>
    public bool IsDigest => string.Equals(Scheme, "Digest", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parameters in order, values as written.</summary>
    public SipParameters Parameters { get; }

    /// <summary>A parameter's value with surrounding quotes and escapes removed, or null.</summary>
    /// <param name="name">Parameter name (realm, nonce, username, response, qop, algorithm ...).</param>
    /// <returns>The unquoted value.</returns>
    public string? Get(string name)
    {
        var v = Parameters[name];
        if (v is null || v.Length < 2 || v[0] != '"' || v[^1] != '"')
        {
            return v;
        }

        return SipText.Unquote(Encoding.UTF8.GetBytes(v[1..^1]));
    }

    /// <summary>Parses a value; throws <see cref="SipParseException"/> when malformed.</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The parsed value.</returns>
    public static AuthenticationHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var r = new SipValueReader(bytes);
        return Read(ref r);
    }

    internal static AuthenticationHeader Read(ref SipValueReader r)
    {
        r.SkipLws();
        var scheme = r.ReadToken("authentication scheme");
        var list = new List<SipParameter>(8);
        if (!r.AtEnd)
        {
            if (!r.NextIsWhitespace())
            {
                r.Fail("expected white space after authentication scheme");
            }

            r.SkipLws();
            while (!r.AtEnd)
            {
                var name = r.ReadToken("authentication parameter name");
                r.Expect((byte)'=', "expected '=' in authentication parameter");
                var value = r.ReadGenericValue("authentication parameter");
                list.Add(new SipParameter(r.GetString(name), SipText.Unfold(r.Slice(value))));
                if (!r.TrySkip((byte)','))
                {
                    break;
                }
            }

            r.ExpectEnd("authentication parameters");
        }

        return new AuthenticationHeader(r.GetString(scheme), new SipParameters(list));
    }

    /// <summary>The wire form: <c>Digest name=value, name="value"</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme);
        for (var i = 0; i < Parameters.Count; i++)
        {
            sb.Append(i == 0 ? " " : ", ").Append(Parameters[i].Name).Append('=').Append(Parameters[i].Value);
        }

        return sb.ToString();
    }
}
