namespace CallCenterSdk.Media.Rtp;

/// <summary>How the header extension block is laid out (RFC 8285 §4).</summary>
public enum RtpHeaderExtensionForm
{
    /// <summary>No extension, or a profile other than RFC 8285: the block is opaque.</summary>
    None = 0,

    /// <summary>One-byte headers (profile 0xBEDE): IDs 1-14, 1-16 data bytes each.</summary>
    OneByte,

    /// <summary>Two-byte headers (profile 0x100X): IDs 1-255, 0-255 data bytes each.</summary>
    TwoByte,
}
