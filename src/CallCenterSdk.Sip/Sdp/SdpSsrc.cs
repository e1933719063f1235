namespace CallCenterSdk.Sip.Sdp;

/// <summary>The value of <c>a=ssrc</c> (RFC 5576 §4.1): <c>&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]</c>.</summary>
/// <param name="Id">The synchronization source.</param>
/// <param name="Attribute">The source attribute name (<c>cname</c>, <c>msid</c>, ...).</param>
/// <param name="Value">The source attribute value, or null.</param>
public readonly record struct SdpSsrc(uint Id, string Attribute, string? Value)
{
    /// <summary>Parses an ssrc value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpSsrc ssrc)
    {
        ArgumentNullException.ThrowIfNull(value);
        ssrc = default;
        if (Validate(value, out _) is not null)
        {
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        SdpGrammar.TryParseUInt(value.AsSpan(0, space), uint.MaxValue, out var id);
        var attribute = value.AsSpan(space + 1).TrimStart(' ');
        var colon = attribute.IndexOf(':');
        ssrc = colon < 0
            ? new SdpSsrc((uint)id, attribute.ToString(), null)
            : new SdpSsrc((uint)id, attribute[..colon].ToString(), attribute[(colon + 1)..].ToString());
        return true;
    }

    internal static string? Validate(ReadOnlySpan<char> value, out int errorIndex)
    {
        errorIndex = 0;
        var space = value.IndexOf(' ');
        if (space <= 0 || !SdpGrammar.TryParseUInt(value[..space], uint.MaxValue, out _))
        {
            return "a=ssrc must start with a 32-bit source id and a space";
        }

        errorIndex = space + 1;
        var attribute = value[(space + 1)..].TrimStart(' ');
        var colon = attribute.IndexOf(':');
        return (colon < 0 ? attribute : attribute[..colon]).IsEmpty ? "a=ssrc needs a source attribute name" : null;
    }

    /// <inheritdoc />
    public override string ToString() => Value is null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id} {Attribute}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id} {Attribute}:{Value}");
}
