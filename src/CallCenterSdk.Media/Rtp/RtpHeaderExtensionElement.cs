namespace CallCenterSdk.Media.Rtp;

/// <summary>One RFC 8285 header extension element: a local identifier and its data, viewed in place.</summary>
public readonly ref struct RtpHeaderExtensionElement
{
    internal RtpHeaderExtensionElement(byte id, ReadOnlySpan<byte> data)
    {
        Id = id;
        Data = data;
    }

    /// <summary>The local identifier negotiated with <c>a=extmap</c> (1-14 one-byte, 1-255 two-byte).</summary>
    public byte Id { get; }

    /// <summary>The element's data bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }
}
