using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// ITU-T G.711 mu-law companding of 16-bit linear PCM. The quantizer follows the G.711 decision tables on the
/// 14-bit magnitude as the ITU-T G.191 reference software derives it from 16-bit input (a ones' complement
/// mirror for negative samples, so -1 and 0 quantize symmetrically). One sample is one lookup in a 64 KiB table
/// (encode) or a 256-entry table (decode); spans go 32 samples at a time through 256-bit vector arithmetic where
/// 256-bit vectors run in hardware, with the same results bit for bit.
/// </summary>
public static class MuLaw
{
    // The whole 16-bit domain, indexed by (ushort)sample: 64 KiB, built once. A table beats the branchy
    // segment search by a wide margin; it serves single samples, span tails and machines without 256-bit vectors.
    private static readonly byte[] EncodeTable = BuildEncodeTable();
    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes one linear sample into a mu-law byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Encode(short sample) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(EncodeTable), (ushort)sample);

    /// <summary>Decodes one mu-law byte into a linear sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Decode(byte code) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(DecodeTable), code);

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="codes"/>, which must be at least as long.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the source.</exception>
    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> codes)
    {
        if (codes.Length < pcm.Length)
        {
            throw new ArgumentException($"The mu-law destination holds {codes.Length} bytes but {pcm.Length} samples were given.", nameof(codes));
        }

        int done = G711Vector.IsAccelerated ? G711Vector.MuLawEncode(pcm, codes) : 0;
        ref byte table = ref MemoryMarshal.GetArrayDataReference(EncodeTable);
        ref short src = ref MemoryMarshal.GetReference(pcm);
        ref byte dst = ref MemoryMarshal.GetReference(codes);
        for (int i = done; i < pcm.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref table, (ushort)Unsafe.Add(ref src, i));
        }
    }

    /// <summary>Decodes <paramref name="codes"/> into <paramref name="pcm"/>, which must be at least as long.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the source.</exception>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> pcm)
    {
        if (pcm.Length < codes.Length)
        {
            throw new ArgumentException($"The PCM destination holds {pcm.Length} samples but {codes.Length} mu-law bytes were given.", nameof(pcm));
        }

        int done = G711Vector.IsAccelerated ? G711Vector.MuLawDecode(codes, pcm) : 0;
        ref short table = ref MemoryMarshal.GetArrayDataReference(DecodeTable);
        ref byte src = ref MemoryMarshal.GetReference(codes);
        ref short dst = ref MemoryMarshal.GetReference(pcm);
        for (int i = done; i < codes.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref table, Unsafe.Add(ref src, i));
        }
    }

    /// <summary>The quantizer itself (G.711 §2 / Table 2), used to build the lookup table.</summary>
    internal static byte EncodeByRule(short sample)
    {
        // 14-bit magnitude plus the 33 bias that makes every segment a power of two wide.
        int magnitude = sample < 0 ? ((~sample) >> 2) + 33 : (sample >> 2) + 33;
        if (magnitude > 0x1FFF)
        {
            magnitude = 0x1FFF;
        }

        int segment = 1;
        for (int i = magnitude >> 6; i != 0; i >>= 1)
        {
            segment++;
        }

        int high = 8 - segment;
        int low = 0x0F - ((magnitude >> segment) & 0x0F);
        int code = (high << 4) | low;
        // Positive values carry the sign bit set; all bits are inverted on the line (G.711 Table 2a).
        return (byte)(sample >= 0 ? code | 0x80 : code);
    }

    /// <summary>The expander (G.711 Table 2), 14-bit output scaled to 16 bits.</summary>
    internal static short DecodeByRule(byte code)
    {
        int inverted = ~code & 0xFF;
        int segment = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        // Decoder output value: ((2 * mantissa + 33) << segment) - 33, in 14-bit units.
        int magnitude = (((mantissa << 1) + 33) << segment) - 33;
        int value = (inverted & 0x80) != 0 ? -magnitude : magnitude;
        return (short)(value << 2);
    }

    private static byte[] BuildEncodeTable()
    {
        var table = new byte[65536];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = EncodeByRule((short)(ushort)i);
        }

        return table;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = DecodeByRule((byte)i);
        }

        return table;
    }
}
