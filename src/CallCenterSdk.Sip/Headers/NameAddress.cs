using System.Text;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Headers;

/// <summary>
/// A name-addr or addr-spec with header parameters, as in From, To, Contact, Route, Record-Route, Refer-To and
/// Referred-By (RFC 3261 §20.10, §20.20, §20.39): optional display name, a URI and parameters such as <c>tag</c>,
/// <c>q</c> and <c>expires</c>. Parameters after the URI belong to the header, not the URI (RFC 4475 §3.3.12).
/// </summary>
public sealed class NameAddress
{
    /// <summary>Creates a name-addr.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="displayName">The display name (unquoted text), or null.</param>
    /// <param name="parameters">Header parameters (tag, q, expires ...), or null.</param>
    public NameAddress(AddressUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (displayName is not null && displayName.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("a display name cannot contain CR or LF", nameof(displayName));
        }

        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The display name with quotes and escapes removed, or null.</summary>
    public string? DisplayName { get; }

    /// <summary>The URI.</summary>
    public AddressUri Uri { get; }

    /// <summary>Header parameters in order, values as written (quoted values keep their quotes).</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>tag</c> parameter (From/To, RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters["tag"];

    /// <summary>A copy with the tag set (what a UAS does to To in its responses, §8.2.6.2).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The new value.</returns>
    public NameAddress WithTag(string tag)
    {
        if (!SipGrammar.IsTokenString(tag ?? string.Empty))
        {
            throw new ArgumentException("a tag is a token", nameof(tag));
        }

        return new NameAddress(Uri, DisplayName, Parameters.With("tag", tag));
    }

    /// <summary>Parses one name-addr/addr-spec header value; throws <see cref="SipParseException"/> if malformed.</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The parsed value.</returns>
    public static NameAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var r = new SipValueReader(bytes);
        var result = Read(ref r);
        r.ExpectEnd("address");
        return result;
    }

    internal static NameAddress Read(ref SipValueReader r)
    {
        var parts = NameAddressScanner.Scan(ref r);
        return Build(ref r, parts);
    }

    internal static NameAddress Build(ref SipValueReader r, in NameAddressParts parts)
    {
        string? display = null;
        if (parts.DisplayName.IsPresent)
        {
            display = parts.DisplayNameQuoted ? SipText.Unquote(r.Slice(parts.DisplayName)) : SipText.Unfold(r.Slice(parts.DisplayName));
        }

        var uri = SipUriParser.Parse(r.Buffer, parts.Uri.Start, parts.Uri.End, parts.UriContext);
        var parameters = SipParameters.Empty;
        if (parts.Parameters.IsPresent)
        {
            var pr = new SipValueReader(r.Buffer, parts.Parameters.Start, parts.Parameters.End);
            parameters = ParameterReader.ReadAll(ref pr);
        }

        return new NameAddress(uri, display, parameters);
    }

    /// <summary>Reads a comma-separated list of name-addr values (Contact, Route, Record-Route).</summary>
    internal static void ReadList(ref SipValueReader r, List<NameAddress> into)
    {
        do
        {
            into.Add(Read(ref r));
        }
        while (r.TrySkip((byte)','));
        r.ExpectEnd("address");
    }

    /// <summary>The canonical form: <c>"Display" &lt;uri&gt;;params</c>, always with angle brackets.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(64);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            sb.Append(SipText.Quote(DisplayName)).Append(' ');
        }

        sb.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
