using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// G.711 companding 32 samples at a time in 256-bit vectors, bit-exact with the lookup tables of
/// <see cref="MuLaw"/> and <see cref="ALaw"/>. The segment of a magnitude is its floor(log2), read from the
/// exponent of the magnitude converted to float, and the four mantissa bits are the float's top mantissa bits;
/// decoding builds the float of the interval's midpoint the same way and converts it back. Measured about
/// 1.8x (encode) and 2x (decode) faster than the table per 160-sample frame, and it leaves the 64 KiB encode
/// table out of the cache. Each method handles whole blocks of 32 and returns how many samples it did; the
/// caller finishes the tail (and everything when <see cref="IsAccelerated"/> is false) with the tables.
/// </summary>
internal static class G711Vector
{
    /// <summary>Samples per loop step: one 256-bit vector of 32 codes, or two of 16 samples.</summary>
    public const int Block = 32;

    /// <summary>Whether 256-bit vectors run in hardware (AVX2 and later); otherwise the tables are faster.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>Encodes whole blocks of <paramref name="pcm"/> into mu-law; returns the samples done.</summary>
    public static int MuLawEncode(ReadOnlySpan<short> pcm, Span<byte> codes) => Encode<MuLawRule>(pcm, codes);

    /// <summary>Decodes whole blocks of mu-law <paramref name="codes"/>; returns the samples done.</summary>
    public static int MuLawDecode(ReadOnlySpan<byte> codes, Span<short> pcm) => Decode<MuLawRule>(codes, pcm);

    /// <summary>Encodes whole blocks of <paramref name="pcm"/> into A-law; returns the samples done.</summary>
    public static int ALawEncode(ReadOnlySpan<short> pcm, Span<byte> codes) => Encode<ALawRule>(pcm, codes);

    /// <summary>Decodes whole blocks of A-law <paramref name="codes"/>; returns the samples done.</summary>
    public static int ALawDecode(ReadOnlySpan<byte> codes, Span<short> pcm) => Decode<ALawRule>(codes, pcm);

    // One block loop for both laws; the struct type argument makes the JIT compile a copy per law with the rule inlined.
    private static int Encode<TRule>(ReadOnlySpan<short> pcm, Span<byte> codes)
        where TRule : struct, IRule
    {
        int blocks = pcm.Length / Block;
        ref short src = ref MemoryMarshal.GetReference(pcm);
        ref byte dst = ref MemoryMarshal.GetReference(codes);
        for (nuint i = 0; i < (nuint)(blocks * Block); i += Block)
        {
            var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref src, i));
            var (b0, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref src, i + 16));
            var low = Vector256.Narrow(TRule.Encode(a0), TRule.Encode(a1));
            var high = Vector256.Narrow(TRule.Encode(b0), TRule.Encode(b1));
            Vector256.Narrow(low, high).AsByte().StoreUnsafe(ref dst, i);
        }

        return blocks * Block;
    }

    private static int Decode<TRule>(ReadOnlySpan<byte> codes, Span<short> pcm)
        where TRule : struct, IRule
    {
        int blocks = codes.Length / Block;
        ref byte src = ref MemoryMarshal.GetReference(codes);
        ref short dst = ref MemoryMarshal.GetReference(pcm);
        for (nuint i = 0; i < (nuint)(blocks * Block); i += Block)
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref src, i));
            var (l0, l1) = Vector256.Widen(low);
            var (h0, h1) = Vector256.Widen(high);
            Vector256.Narrow(TRule.Decode(l0.AsInt32()), TRule.Decode(l1.AsInt32())).StoreUnsafe(ref dst, i);
            Vector256.Narrow(TRule.Decode(h0.AsInt32()), TRule.Decode(h1.AsInt32())).StoreUnsafe(ref dst, i + 16);
        }

        return blocks * Block;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MuLawEncode(Vector256<int> sample)
    {
        // As MuLaw.EncodeByRule: 14-bit magnitude (ones' complement mirror for negatives) plus the bias of 33.
        var negative = Vector256.ShiftRightArithmetic(sample, 31);
        var magnitude = Vector256.Min(Vector256.ShiftRightArithmetic(sample ^ negative, 2) + Vector256.Create(33), Vector256.Create(0x1FFF));
        // 33..8191 convert exactly; biased exponent 132..139 is segment + 131, the top four mantissa bits are the step.
        var bits = Vector256.ConvertToSingle(magnitude).AsInt32();
        var exponent = Vector256.ShiftRightLogical(bits, 23);
        var step = Vector256.ShiftRightLogical(bits, 19) & Vector256.Create(0x0F);
        var code = ((Vector256.Create(139) - exponent) << 4) | (step ^ Vector256.Create(0x0F));
        return code | Vector256.AndNot(Vector256.Create(0x80), negative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MuLawDecode(Vector256<int> code)
    {
        // As MuLaw.DecodeByRule: ((2 * mantissa + 33) << segment) - 33 is the float 1.(2m+1)/32 * 2^(segment + 5), minus 33.
        var inverted = code ^ Vector256.Create(0xFF);
        var bits = (((inverted & Vector256.Create(0x70)) << 19) + Vector256.Create(132 << 23))
            | ((inverted & Vector256.Create(0x0F)) << 19) | Vector256.Create(1 << 18);
        var magnitude = Vector256.ConvertToInt32(bits.AsSingle()) - Vector256.Create(33);
        var negative = -Vector256.ShiftRightLogical(inverted, 7);
        return ((magnitude ^ negative) - negative) << 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ALawEncode(Vector256<int> sample)
    {
        // As ALaw.EncodeByRule: 12-bit magnitude; segment 0 is linear below 16, above it floor(log2) - 3.
        var negative = Vector256.ShiftRightArithmetic(sample, 31);
        var magnitude = Vector256.ShiftRightArithmetic(sample ^ negative, 4);
        var bits = Vector256.ConvertToSingle(magnitude).AsInt32();
        var segment = Vector256.ShiftRightLogical(bits, 23) - Vector256.Create(130);
        var step = Vector256.ShiftRightLogical(bits, 19) & Vector256.Create(0x0F);
        var code = Vector256.ConditionalSelect(
            Vector256.GreaterThan(magnitude, Vector256.Create(15)), (segment << 4) | step, magnitude);
        code |= Vector256.AndNot(Vector256.Create(0x80), negative);
        // Even bits are inverted on the line (G.711 §3).
        return code ^ Vector256.Create(0x55);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ALawDecode(Vector256<int> code)
    {
        // As ALaw.DecodeByRule: segment 0 gives 2m + 1, segment s gives (2m + 33) << (s - 1), the float 1.(2m+1)/32 * 2^(s + 4).
        var value = code ^ Vector256.Create(0x55);
        var segmentBits = value & Vector256.Create(0x70);
        var mantissa = value & Vector256.Create(0x0F);
        var bits = ((segmentBits << 19) + Vector256.Create(131 << 23)) | (mantissa << 19) | Vector256.Create(1 << 18);
        var magnitude = Vector256.ConditionalSelect(
            Vector256.Equals(segmentBits, Vector256<int>.Zero),
            (mantissa << 1) + Vector256<int>.One,
            Vector256.ConvertToInt32(bits.AsSingle()));
        // The sign bit set means positive in A-law.
        var negative = Vector256.ShiftRightLogical(value & Vector256.Create(0x80), 7) - Vector256<int>.One;
        return ((magnitude ^ negative) - negative) << 3;
    }

    private interface IRule
    {
        static abstract Vector256<int> Encode(Vector256<int> sample);

        static abstract Vector256<int> Decode(Vector256<int> code);
    }

    private readonly struct MuLawRule : IRule
    {
        public static Vector256<int> Encode(Vector256<int> sample) => MuLawEncode(sample);

        public static Vector256<int> Decode(Vector256<int> code) => MuLawDecode(code);
    }

    private readonly struct ALawRule : IRule
    {
        public static Vector256<int> Encode(Vector256<int> sample) => ALawEncode(sample);

        public static Vector256<int> Decode(Vector256<int> code) => ALawDecode(code);
    }
}
