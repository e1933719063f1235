namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// The constant tables of ITU-T G.722 (1988) §3 and §4, in the integer form of the ITU reference
/// implementation: quantizer thresholds, inverse quantizer outputs, scale-factor adaptation and the QMF.
/// </summary>
internal static class G722Tables
{
    /// <summary>QMF coefficients h0..h11 (G.722 Table 11), applied to the even-indexed history.</summary>
    public static ReadOnlySpan<short> QmfForward => [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11];

    /// <summary>The same coefficients reversed, applied to the odd-indexed history.</summary>
    public static ReadOnlySpan<short> QmfReverse => [-11, 53, -156, 362, -805, 3876, 951, -210, 32, 12, -11, 3];

    /// <summary>High-band inverse quantizer outputs (2-bit codes, G.722 Table 9).</summary>
    public static ReadOnlySpan<short> Qm2 => [-7408, -1616, 7408, 1616];

    /// <summary>Low-band inverse quantizer outputs for the 4 most significant bits (predictor update path).</summary>
    public static ReadOnlySpan<short> Qm4 =>
    [
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    ];

    /// <summary>Low-band inverse quantizer outputs for the full 6-bit code (64 kbit/s mode, G.722 Table 6).</summary>
    public static ReadOnlySpan<short> Qm6 =>
    [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    ];

    /// <summary>Low-band quantizer decision levels (G.722 Table 6, normalised), index 1..29.</summary>
    public static ReadOnlySpan<short> Q6 =>
    [
        0, 35, 72, 110, 150, 190, 233, 276,
        323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458,
        1612, 1765, 1980, 2195, 2557, 2919, 0, 0,
    ];

    /// <summary>Inverse logarithm table for the scale factor (G.722 Table 15).</summary>
    public static ReadOnlySpan<short> Ilb =>
    [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
        2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
        3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ];

    /// <summary>Low-band 6-bit codes for negative differences, by quantizer interval.</summary>
    public static ReadOnlySpan<short> Iln =>
    [
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0,
    ];

    /// <summary>Low-band 6-bit codes for positive differences, by quantizer interval.</summary>
    public static ReadOnlySpan<short> Ilp =>
    [
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0,
    ];

    /// <summary>High-band 2-bit codes for negative differences (index 1 inner, 2 outer).</summary>
    public static ReadOnlySpan<short> Ihn => [0, 1, 0];

    /// <summary>High-band 2-bit codes for positive differences.</summary>
    public static ReadOnlySpan<short> Ihp => [0, 3, 2];

    /// <summary>Low-band log scale factor multipliers (G.722 Table 8).</summary>
    public static ReadOnlySpan<short> Wl => [-60, -30, 58, 172, 334, 538, 1198, 3042];

    /// <summary>Maps a 4-bit low-band code to its magnitude class for <see cref="Wl"/>.</summary>
    public static ReadOnlySpan<short> Rl42 => [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];

    /// <summary>High-band log scale factor multipliers (G.722 Table 10).</summary>
    public static ReadOnlySpan<short> Wh => [0, -214, 798];

    /// <summary>Maps a 2-bit high-band code to its magnitude class for <see cref="Wh"/>.</summary>
    public static ReadOnlySpan<short> Rh2 => [2, 1, 2, 1];
}
