namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// The Goertzel algorithm for one DFT term: a second-order resonator run over a block, then one complex
/// correction that yields the term with its phase referred to the block's first sample.
/// </summary>
internal readonly struct GoertzelFilter
{
    private readonly float _coefficient;
    private readonly float _cos;
    private readonly float _sin;
    private readonly float _rotationRe;
    private readonly float _rotationIm;

    public GoertzelFilter(double frequency, int sampleRate, int blockLength)
    {
        double w = 2 * Math.PI * frequency / sampleRate;
        Frequency = frequency;
        _coefficient = (float)(2 * Math.Cos(w));
        _cos = (float)Math.Cos(w);
        _sin = (float)Math.Sin(w);
        // y[N-1] = e^{jw(N-1)} X(w), so X(w) = y[N-1] * e^{-jw(N-1)}.
        _rotationRe = (float)Math.Cos(-w * (blockLength - 1));
        _rotationIm = (float)Math.Sin(-w * (blockLength - 1));
    }

    public double Frequency { get; }

    /// <summary>Returns X(w) = sum x[n] e^{-jwn} over <paramref name="block"/>.</summary>
    public (float Re, float Im) Transform(ReadOnlySpan<float> block)
    {
        float s1 = 0;
        float s2 = 0;
        float c = _coefficient;
        for (int n = 0; n < block.Length; n++)
        {
            float s = block[n] + (c * s1) - s2;
            s2 = s1;
            s1 = s;
        }

        // y = s1 - e^{-jw} s2
        float yRe = s1 - (_cos * s2);
        float yIm = _sin * s2;
        return ((yRe * _rotationRe) - (yIm * _rotationIm), (yRe * _rotationIm) + (yIm * _rotationRe));
    }
}
