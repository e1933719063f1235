using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>A Content-Type value (RFC 3261 §20.15): type/subtype with parameters such as <c>boundary</c>.</summary>
public sealed class MediaType
{
    /// <summary>Creates a media type.</summary>
    /// <param name="type">Top-level type, e.g. application.</param>
    /// <param name="subtype">Subtype, e.g. sdp.</param>
    /// <param name="parameters">Parameters, or null.</param>
    public MediaType(string type, string subtype, SipParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(subtype);
        Type = type;
        Subtype = subtype;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The top-level type as written.</summary>
    public string Type { get; }

    /// <summary>The subtype as written.</summary>
    public string Subtype { get; }

    /// <summary>Parameters in order (values as written).</summary>
    public SipParameters Parameters { get; }

    /// <summary>Whether this is <c>type/subtype</c>, compared case-insensitively (RFC 2045 §5.1).</summary>
    /// <param name="type">Type.</param>
    /// <param name="subtype">Subtype.</param>
    /// <returns>True on a match.</returns>
    public bool Is(string type, string subtype) =>
        string.Equals(Type, type, StringComparison.OrdinalIgnoreCase) && string.Equals(Subtype, subtype, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is <c>application/sdp</c>.</summary>
    public bool IsSdp => Is("application", "sdp");

    /// <summary>The multipart boundary (quotes removed), or null.</summary>
    public string? Boundary => Parameters["boundary"] is { } b ? b.Trim('"') : null;

    /// <summary>Parses a Content-Type value; throws <see cref="SipParseException"/> when malformed.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The media type.</returns>
    public static MediaType Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var r = new SipValueReader(bytes);
        return Read(ref r);
    }

    internal static MediaType Read(ref SipValueReader r)
    {
        r.SkipLws();
        var type = r.ReadToken("media type");
        r.Expect((byte)'/', "expected '/' in media type");
        var subtype = r.ReadToken("media subtype");
        var parameters = ParameterReader.ReadAll(ref r);
        r.ExpectEnd("Content-Type");
        return new MediaType(r.GetString(type), r.GetString(subtype), parameters);
    }

    /// <summary>The wire form, e.g. <c>multipart/mixed;boundary=xyz</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Type).Append('/').Append(Subtype);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
