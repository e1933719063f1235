namespace CallCenterSdk.Media.Rtcp;

/// <summary>One SDES item of one chunk, viewed in place (RFC 3550 §6.5).</summary>
public readonly ref struct RtcpSourceDescriptionItem
{
    internal RtcpSourceDescriptionItem(uint ssrc, RtcpSourceDescriptionItemType type, ReadOnlySpan<byte> value)
    {
        Ssrc = ssrc;
        Type = type;
        Value = value;
    }

    /// <summary>The SSRC (or CSRC) the chunk describes.</summary>
    public uint Ssrc { get; }

    /// <summary>The item type.</summary>
    public RtcpSourceDescriptionItemType Type { get; }

    /// <summary>The item text, UTF-8, not null-terminated.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
