namespace CallCenterSdk.Media.Tones;

/// <summary>
/// A sine generator by complex rotation: one multiply-add per sample instead of a sin() call, renormalised
/// each block so rounding never lets the amplitude drift.
/// </summary>
internal struct SineOscillator
{
    private readonly double _cos;
    private readonly double _sin;
    private double _re;
    private double _im;

    public SineOscillator(double frequency, int sampleRate, double peak, double startPhase = 0)
    {
        double w = 2 * Math.PI * frequency / sampleRate;
        _cos = Math.Cos(w);
        _sin = Math.Sin(w);
        Peak = peak;
        _re = Math.Cos(startPhase);
        _im = Math.Sin(startPhase);
    }

    public double Peak { get; }

    /// <summary>Returns the current sample (peak times sin of the phase) and advances one sample.</summary>
    public double Next()
    {
        double value = _im * Peak;
        double re = (_re * _cos) - (_im * _sin);
        _im = (_re * _sin) + (_im * _cos);
        _re = re;
        return value;
    }

    public void Renormalise()
    {
        double magnitude = Math.Sqrt((_re * _re) + (_im * _im));
        if (magnitude > 0)
        {
            _re /= magnitude;
            _im /= magnitude;
        }
    }
}
