namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The value of <c>a=fmtp</c> (RFC 8866 §6.15): a media format followed by format-specific parameters,
/// kept verbatim (<c>101 0-16</c>, <c>111 minptime=10;useinbandfec=1</c>). It may appear before the
/// matching <c>a=rtpmap</c>; the two are joined by format, not by position.
/// </summary>
/// <param name="Format">The media format (payload type for RTP).</param>
/// <param name="Parameters">The format-specific parameters, verbatim (may be empty).</param>
public readonly record struct SdpFormatParameters(string Format, string Parameters)
{
    /// <summary>Parses an fmtp value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpFormatParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(value);
        parameters = default;
        if (Validate(value, out _) is not null)
        {
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        parameters = space < 0
            ? new SdpFormatParameters(value, string.Empty)
            : new SdpFormatParameters(value[..space], value[(space + 1)..].TrimStart(' '));
        return true;
    }

    /// <summary>
    /// The value of one <c>name=value</c> parameter (separated by <c>;</c>, names case-insensitive), or null.
    /// </summary>
    public string? GetParameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var range in Parameters.AsSpan().Split(';'))
        {
            var item = Parameters.AsSpan()[range].Trim(' ');
            var eq = item.IndexOf('=');
            if (eq > 0 && item[..eq].Trim(' ').Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return item[(eq + 1)..].Trim(' ').ToString();
            }
        }

        return null;
    }

    internal static string? Validate(ReadOnlySpan<char> value, out int errorIndex)
    {
        errorIndex = 0;
        var space = value.IndexOf(' ');
        var format = space < 0 ? value : value[..space];
        return format.IsEmpty ? "a=fmtp must start with a media format" : null;
    }

    /// <inheritdoc />
    public override string ToString() => Parameters.Length == 0 ? Format : Format + " " + Parameters;
}
