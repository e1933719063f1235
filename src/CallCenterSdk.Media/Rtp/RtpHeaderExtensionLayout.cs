namespace CallCenterSdk.Media.Rtp;

/// <summary>The RFC 8285 §4.2/§4.3 element grammar, shared by validation and enumeration.</summary>
internal static class RtpHeaderExtensionLayout
{
    /// <summary>Profile value of the one-byte header form (RFC 8285 §4.2).</summary>
    public const ushort OneByteProfile = 0xBEDE;

    /// <summary>Profile value of the two-byte header form; the low 4 bits are "appbits" (RFC 8285 §4.3).</summary>
    public const ushort TwoByteProfile = 0x1000;

    public static RtpHeaderExtensionForm FormOf(ushort profile) =>
        profile == OneByteProfile ? RtpHeaderExtensionForm.OneByte
        : (profile & 0xFFF0) == TwoByteProfile ? RtpHeaderExtensionForm.TwoByte
        : RtpHeaderExtensionForm.None;

    /// <summary>
    /// Finds the element at or after <paramref name="offset"/>, skipping padding. Returns the offset after the
    /// element, -1 at the end of the block, or -2 when an element is truncated (<paramref name="errorOffset"/> set).
    /// </summary>
    public static int Next(ReadOnlySpan<byte> block, RtpHeaderExtensionForm form, int offset, out byte id, out int dataOffset, out int dataLength, out int errorOffset)
    {
        id = 0;
        dataOffset = 0;
        dataLength = 0;
        errorOffset = 0;
        while (offset < block.Length)
        {
            var b = block[offset];
            if (b == 0)
            {
                // Both forms: a zero byte is padding between or after elements (RFC 8285 §4.1).
                offset++;
                continue;
            }

            if (form == RtpHeaderExtensionForm.OneByte)
            {
                id = (byte)(b >> 4);
                if (id == 15)
                {
                    // RFC 8285 §4.2: ID 15 is reserved and stops processing of the rest of the block.
                    return -1;
                }

                dataLength = (b & 0x0F) + 1;
                dataOffset = offset + 1;
            }
            else
            {
                if (offset + 1 >= block.Length)
                {
                    errorOffset = offset;
                    return -2;
                }

                id = b;
                dataLength = block[offset + 1];
                dataOffset = offset + 2;
            }

            if (dataOffset + dataLength > block.Length)
            {
                errorOffset = offset;
                return -2;
            }

            return dataOffset + dataLength;
        }

        return -1;
    }
}
