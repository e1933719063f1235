namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The value of <c>a=candidate</c> (RFC 8839 §5.1): an ICE candidate. The SDK does not run ICE yet; the
/// candidate is preserved and exposed so a later ICE agent (or a WebRTC gateway) can use it.
/// </summary>
/// <param name="Foundation">The candidate foundation.</param>
/// <param name="Component">Component id (1 = RTP, 2 = RTCP).</param>
/// <param name="Transport">Transport, usually <c>udp</c>.</param>
/// <param name="Priority">Candidate priority.</param>
/// <param name="Address">Connection address (IP or FQDN, possibly an mDNS name).</param>
/// <param name="Port">Connection port.</param>
/// <param name="Type">Candidate type: <c>host</c>, <c>srflx</c>, <c>prflx</c> or <c>relay</c>.</param>
/// <param name="Extensions">Everything after the type (<c>raddr</c>, <c>rport</c>, <c>generation</c>, ...), verbatim, or null.</param>
public readonly record struct SdpCandidate(string Foundation, int Component, string Transport, uint Priority, string Address, int Port, string Type, string? Extensions)
{
    /// <summary>Parses a candidate value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(value);
        candidate = default;
        if (Validate(value, out _) is not null)
        {
            return false;
        }

        var rest = value.AsSpan();
        SdpGrammar.NextField(ref rest, out var foundation);
        SdpGrammar.NextField(ref rest, out var component);
        SdpGrammar.NextField(ref rest, out var transport);
        SdpGrammar.NextField(ref rest, out var priority);
        SdpGrammar.NextField(ref rest, out var address);
        SdpGrammar.NextField(ref rest, out var port);
        SdpGrammar.NextField(ref rest, out _);
        SdpGrammar.NextField(ref rest, out var type);
        SdpGrammar.TryParseInt(component, 256, out var c);
        SdpGrammar.TryParseUInt(priority, uint.MaxValue, out var p);
        SdpGrammar.TryParseInt(port, 65535, out var portNumber);
        var extensions = rest.Trim(' ');
        candidate = new SdpCandidate(foundation.ToString(), c, transport.ToString(), (uint)p, address.ToString(), portNumber, type.ToString(), extensions.IsEmpty ? null : extensions.ToString());
        return true;
    }

    internal static string? Validate(ReadOnlySpan<char> value, out int errorIndex)
    {
        var rest = value;
        errorIndex = 0;
        if (!SdpGrammar.NextField(ref rest, out _))
        {
            return "a=candidate needs a foundation";
        }

        if (!SdpGrammar.NextField(ref rest, out var component) || !SdpGrammar.TryParseInt(component, 256, out _))
        {
            errorIndex = SdpGrammar.OffsetOf(value, component);
            return "a=candidate component id must be 1..256";
        }

        if (!SdpGrammar.NextField(ref rest, out _))
        {
            return "a=candidate needs a transport";
        }

        if (!SdpGrammar.NextField(ref rest, out var priority) || !SdpGrammar.TryParseUInt(priority, uint.MaxValue, out _))
        {
            errorIndex = SdpGrammar.OffsetOf(value, priority);
            return "a=candidate priority must be a 32-bit number";
        }

        if (!SdpGrammar.NextField(ref rest, out _))
        {
            return "a=candidate needs a connection address";
        }

        if (!SdpGrammar.NextField(ref rest, out var port) || !SdpGrammar.TryParseInt(port, 65535, out _))
        {
            errorIndex = SdpGrammar.OffsetOf(value, port);
            return "a=candidate port must be 0..65535";
        }

        if (!SdpGrammar.NextField(ref rest, out var typ) || !typ.SequenceEqual("typ") || !SdpGrammar.NextField(ref rest, out _))
        {
            errorIndex = SdpGrammar.OffsetOf(value, typ);
            return "a=candidate needs 'typ <candidate type>' after the port";
        }

        return null;
    }
}
