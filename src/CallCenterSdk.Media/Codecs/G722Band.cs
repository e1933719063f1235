using System.Runtime.CompilerServices;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// The ADPCM state of one G.722 sub-band (lower or higher): scale factor, pole/zero predictor and their
/// histories. Encoder and decoder run the same adaptation (G.722 §3.6, blocks 3 and 4) so they stay in step.
/// </summary>
internal struct G722Band
{
    public short S;      // predicted signal
    public short Sp;     // pole-section prediction
    public short Sz;     // zero-section prediction
    public short R;      // previous reconstructed signal
    public short A0;     // pole coefficients a1, a2
    public short A1;
    public short P0;     // partial reconstructions p(n-1), p(n-2)
    public short P1;
    public short Nb;     // logarithmic scale factor
    public short Det;    // linear scale factor
    public ZeroCoefficients B;
    public DifferenceHistory D;

    public static G722Band Create(short initialDet) => new() { Det = initialDet };

    /// <summary>LOGSCL/SCALEL (low band, Nb limited to 18432) or LOGSCH/SCALEH (high band, 22528).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdaptScale(int logMultiplier, int nbLimit, int shiftBase)
    {
        int nb = ((Nb * 127) >> 7) + logMultiplier;
        nb = nb < 0 ? 0 : nb > nbLimit ? nbLimit : nb;
        Nb = (short)nb;
        int mantissa = (nb >> 6) & 31;
        int shift = shiftBase - (nb >> 11);
        int det = shift < 0 ? G722Tables.Ilb[mantissa] << -shift : G722Tables.Ilb[mantissa] >> shift;
        Det = (short)(det << 2);
    }

    /// <summary>Block 4: reconstruction, pole and zero predictor adaptation and the next prediction (G.722 §3.6.4).</summary>
    public void Predict(short dx)
    {
        // RECONS and PARREC
        short r = Sat16(S + dx);
        short p = Sat16(Sz + dx);

        // UPPOL2: second pole coefficient, limited to |a2| <= 0.75
        int wd1 = Sat16(A0 << 2);
        int wd32 = ((p ^ P0) & 0x8000) != 0 ? wd1 : -wd1;
        if (wd32 > 32767)
        {
            wd32 = 32767;
        }

        int wd3 = (short)((((p ^ P1) & 0x8000) != 0 ? -128 : 128) + (wd32 >> 7) + ((A1 * 32512) >> 15));
        if (Math.Abs(wd3) > 12288)
        {
            wd3 = wd3 < 0 ? -12288 : 12288;
        }

        short ap1 = (short)wd3;

        // UPPOL1: first pole coefficient, limited to |a1| <= 1 - 2^-4 - a2
        wd1 = ((p ^ P0) & 0x8000) != 0 ? -192 : 192;
        int wd2 = (short)((A0 * 32640) >> 15);
        short ap0 = Sat16(wd1 + wd2);
        wd3 = Sat16(15360 - ap1);
        if (Math.Abs((int)ap0) > wd3)
        {
            ap0 = (short)(ap0 < 0 ? -wd3 : wd3);
        }

        // FILTEP: pole section output
        wd1 = Sat16(r + r);
        wd1 = (short)((ap0 * wd1) >> 15);
        wd2 = Sat16(R + R);
        wd2 = (short)((ap1 * wd2) >> 15);
        Sp = Sat16(wd1 + wd2);
        R = r;
        A1 = ap1;
        A0 = ap0;
        P1 = P0;
        P0 = p;

        // UPZERO, DELAYA, FILTEZ: six-tap zero section with sign-sign adaptation
        wd1 = dx == 0 ? 0 : 128;
        D[0] = dx;
        int sz = 0;
        for (int i = 5; i >= 0; i--)
        {
            wd2 = ((D[i + 1] ^ dx) & 0x8000) != 0 ? -wd1 : wd1;
            wd3 = (short)((B[i] * 32640) >> 15);
            B[i] = Sat16(wd2 + wd3);
            wd3 = Sat16(D[i] + D[i]);
            sz += (B[i] * wd3) >> 15;
            D[i + 1] = D[i];
        }

        Sz = Sat16(sz);

        // PREDIC
        S = Sat16(Sp + Sz);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Sat16(int value) => (short)(value > short.MaxValue ? short.MaxValue : value < short.MinValue ? short.MinValue : value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sat15(int value) => value > 16383 ? 16383 : value < -16384 ? -16384 : value;

    [InlineArray(6)]
    internal struct ZeroCoefficients
    {
        private short _element;
    }

    [InlineArray(7)]
    internal struct DifferenceHistory
    {
        private short _element;
    }
}
