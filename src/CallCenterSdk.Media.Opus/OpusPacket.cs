namespace CallCenterSdk.Media.Opus;

/// <summary>Reads what an Opus packet's TOC and first SILK bits say, without decoding it.</summary>
public static unsafe class OpusPacket
{
    /// <summary>
    /// True when the packet carries in-band FEC (LBRR) data for the packet before it. Only SILK and hybrid
    /// packets can (RFC 6716 §4.2.3): after the per-frame VAD flags, the next bit of the first frame is the
    /// LBRR flag, and both are coded with probability one half, so they are the leading bits of the frame.
    /// </summary>
    public static bool HasRedundancy(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return false;
        }

        int toc = packet[0];
        int config = toc >> 3;
        if (config >= 16)
        {
            return false; // CELT-only: no LBRR.
        }

        // SILK-only configs 0-11 are 10, 20, 40, 60 ms; hybrid 12-15 are 10, 20 ms. SILK codes 20 ms frames.
        int milliseconds = config < 12 ? (config % 4) switch { 0 => 10, 1 => 20, 2 => 40, _ => 60 } : (config % 2 == 0 ? 10 : 20);
        int silkFrames = Math.Max(1, milliseconds / 20);
        bool stereo = (toc & 0x04) != 0;

        byte* frames0 = stackalloc byte[1];
        byte** frames = stackalloc byte*[48];
        short* sizes = stackalloc short[48];
        fixed (byte* data = packet)
        {
            OpusLibrary.EnsureLoaded();
            int count = OpusNative.opus_packet_parse(data, packet.Length, frames0, frames, sizes, null);
            if (count <= 0 || sizes[0] == 0)
            {
                return false;
            }

            int first = frames[0][0];
            bool lbrr = ((first >> (7 - silkFrames)) & 1) != 0;
            if (stereo)
            {
                lbrr |= ((first >> (6 - (2 * silkFrames))) & 1) != 0;
            }

            return lbrr;
        }
    }
}
