namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// One <c>a=</c> line (RFC 8866 §5.13): a property attribute (<c>a=rtcp-mux</c>, <see cref="Value"/> is null)
/// or a value attribute (<c>a=rtpmap:0 PCMU/8000</c>). The value is kept verbatim, so attributes the SDK does
/// not interpret (ICE, DTLS fingerprints, extmap, ...) survive a parse/serialize round trip unchanged.
/// </summary>
/// <param name="Name">The attribute name, compared ordinally.</param>
/// <param name="Value">The text after the first colon, or null for a property attribute.</param>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    /// <summary>Creates a property attribute (no value), such as <c>a=sendrecv</c>.</summary>
    public SdpAttribute(string name) : this(name, null)
    {
    }

    /// <inheritdoc />
    public override string ToString() => Value is null ? "a=" + Name : "a=" + Name + ":" + Value;
}
