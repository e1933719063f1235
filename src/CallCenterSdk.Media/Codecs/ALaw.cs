using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// ITU-T G.711 A-law companding of 16-bit linear PCM. The quantizer follows the G.711 decision tables on the
/// 13-bit value (12-bit magnitude and sign) as the ITU-T G.191 reference software derives it, with a ones'
/// complement mirror for negative samples because A-law is mid-riser (it has no zero code).
/// One sample is one lookup in a 64 KiB table (encode) or a 256-entry table (decode); spans go 32 samples at a
/// time through vector arithmetic where 256-bit vectors run in hardware, with the same results bit for bit.
/// </summary>
public static class ALaw
{
    private static readonly byte[] EncodeTable = BuildEncodeTable();
    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes one linear sample into an A-law byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Encode(short sample) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(EncodeTable), (ushort)sample);

    /// <summary>Decodes one A-law byte into a linear sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Decode(byte code) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(DecodeTable), code);

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="codes"/>, which must be at least as long.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the source.</exception>
    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> codes)
    {
        if (codes.Length < pcm.Length)
        {
            throw new ArgumentException($"The A-law destination holds {codes.Length} bytes but {pcm.Length} samples were given.", nameof(codes));
        }

        int done = G711Vector.IsAccelerated ? G711Vector.ALawEncode(pcm, codes) : 0;
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
            throw new ArgumentException($"The PCM destination holds {pcm.Length} samples but {codes.Length} A-law bytes were given.", nameof(pcm));
        }

        int done = G711Vector.IsAccelerated ? G711Vector.ALawDecode(codes, pcm) : 0;
        ref short table = ref MemoryMarshal.GetArrayDataReference(DecodeTable);
        ref byte src = ref MemoryMarshal.GetReference(codes);
        ref short dst = ref MemoryMarshal.GetReference(pcm);
        for (int i = done; i < codes.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref table, Unsafe.Add(ref src, i));
        }
    }

    /// <summary>The quantizer itself (G.711 §3 / Table 1), used to build the lookup table.</summary>
    internal static byte EncodeByRule(short sample)
    {
        // 12-bit magnitude; ~x mirrors negative values about -1/2 (mid-riser characteristic).
        int magnitude = sample < 0 ? (~sample) >> 4 : sample >> 4;
        if (magnitude > 15)
        {
            int exponent = 1;
            while (magnitude > 16 + 15)
            {
                magnitude >>= 1;
                exponent++;
            }

            magnitude -= 16;
            magnitude += exponent << 4;
        }

        if (sample >= 0)
        {
            magnitude |= 0x80;
        }

        // Even bits are inverted on the line (G.711 §3, Table 1 note).
        return (byte)(magnitude ^ 0x55);
    }

    /// <summary>The expander (G.711 Table 1), 13-bit output scaled to 16 bits.</summary>
    internal static short DecodeByRule(byte code)
    {
        int value = code ^ 0x55;
        int segment = (value >> 4) & 0x07;
        int mantissa = value & 0x0F;
        // Decoder output is the middle of the decision interval, in 12-bit units times two.
        int magnitude = segment == 0
            ? (mantissa << 1) + 1
            : ((mantissa << 1) + 33) << (segment - 1);
        int result = (value & 0x80) != 0 ? magnitude : -magnitude;
        return (short)(result << 3);
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
