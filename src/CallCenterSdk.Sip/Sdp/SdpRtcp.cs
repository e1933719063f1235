namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The value of <c>a=rtcp</c> (RFC 3605): the RTCP port, and optionally the address, when RTCP does not use
/// the RTP port plus one.
/// </summary>
/// <param name="Port">The RTCP port.</param>
/// <param name="Connection">The RTCP address, or null to use the media's connection address.</param>
public readonly record struct SdpRtcp(int Port, SdpConnection? Connection = null)
{
    /// <summary>Parses an rtcp value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpRtcp rtcp)
    {
        ArgumentNullException.ThrowIfNull(value);
        rtcp = default;
        if (Validate(value, out _) is not null)
        {
            return false;
        }

        var rest = value.AsSpan();
        SdpGrammar.NextField(ref rest, out var port);
        SdpGrammar.TryParseInt(port, 65535, out var p);
        SdpConnection? connection = null;
        if (SdpGrammar.NextField(ref rest, out var net))
        {
            SdpGrammar.NextField(ref rest, out var type);
            SdpGrammar.NextField(ref rest, out var address);
            connection = new SdpConnection(net.ToString(), type.ToString(), address.ToString());
        }

        rtcp = new SdpRtcp(p, connection);
        return true;
    }

    internal static string? Validate(ReadOnlySpan<char> value, out int errorIndex)
    {
        errorIndex = 0;
        var rest = value;
        if (!SdpGrammar.NextField(ref rest, out var port) || !SdpGrammar.TryParseInt(port, 65535, out _))
        {
            return "a=rtcp must start with a port 0..65535";
        }

        var fields = 0;
        while (SdpGrammar.NextField(ref rest, out _))
        {
            fields++;
        }

        errorIndex = port.Length;
        return fields is 0 or 3 ? null : "a=rtcp address must be <nettype> <addrtype> <address>";
    }

    /// <inheritdoc />
    public override string ToString() => Connection is null
        ? Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Port} {Connection.NetworkType} {Connection.AddressType} {Connection.Address}");
}
