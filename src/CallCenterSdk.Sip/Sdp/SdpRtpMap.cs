namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The value of <c>a=rtpmap</c> (RFC 8866 §6.6): <c>&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c>.
/// </summary>
/// <param name="PayloadType">RTP payload type, 0..127.</param>
/// <param name="EncodingName">Encoding name (case-insensitive, RFC 3551 §6).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="EncodingParameters">For audio, the number of channels; null when absent.</param>
public readonly record struct SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, string? EncodingParameters = null)
{
    /// <summary>The number of audio channels (1 when the encoding parameters are absent or not a number).</summary>
    public int Channels => EncodingParameters is not null && SdpGrammar.TryParseInt(EncodingParameters, 255, out var c) && c > 0 ? c : 1;

    /// <summary>Parses an rtpmap value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpRtpMap rtpMap)
    {
        ArgumentNullException.ThrowIfNull(value);
        rtpMap = default;
        if (Validate(value, out _) is not null)
        {
            return false;
        }

        var span = value.AsSpan();
        var space = span.IndexOf(' ');
        SdpGrammar.TryParseInt(span[..space], 127, out var pt);
        var rest = span[(space + 1)..].TrimStart(' ');
        var slash = rest.IndexOf('/');
        var name = rest[..slash].ToString();
        rest = rest[(slash + 1)..];
        var slash2 = rest.IndexOf('/');
        SdpGrammar.TryParseInt(slash2 < 0 ? rest.TrimEnd(' ') : rest[..slash2], int.MaxValue, out var clock);
        rtpMap = new SdpRtpMap(pt, name, clock, slash2 < 0 ? null : rest[(slash2 + 1)..].TrimEnd(' ').ToString());
        return true;
    }

    internal static string? Validate(ReadOnlySpan<char> value, out int errorIndex)
    {
        errorIndex = 0;
        var space = value.IndexOf(' ');
        if (space <= 0 || !SdpGrammar.TryParseInt(value[..space], 127, out _))
        {
            return "a=rtpmap must start with a payload type 0..127 and a space";
        }

        var rest = value[(space + 1)..].TrimStart(' ');
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            errorIndex = SdpGrammar.OffsetOf(value, rest);
            return "a=rtpmap needs <encoding name>/<clock rate>";
        }

        if (rest[..slash].Contains(' '))
        {
            errorIndex = SdpGrammar.OffsetOf(value, rest);
            return "a=rtpmap encoding name must not contain spaces";
        }

        var afterName = rest[(slash + 1)..];
        var slash2 = afterName.IndexOf('/');
        var clock = (slash2 < 0 ? afterName : afterName[..slash2]).TrimEnd(' ');
        if (!SdpGrammar.TryParseInt(clock, int.MaxValue, out var rate) || rate == 0)
        {
            errorIndex = SdpGrammar.OffsetOf(value, afterName);
            return "a=rtpmap clock rate must be a positive integer";
        }

        if (slash2 >= 0 && afterName[(slash2 + 1)..].Trim(' ').IsEmpty)
        {
            errorIndex = SdpGrammar.OffsetOf(value, afterName) + slash2;
            return "a=rtpmap encoding parameters are empty";
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => EncodingParameters is null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{EncodingParameters}");
}
