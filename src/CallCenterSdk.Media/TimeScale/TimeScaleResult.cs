namespace CallCenterSdk.Media.TimeScale;

/// <summary>What a time-scale operation did to one output frame.</summary>
/// <param name="Consumed">Input samples used up (output length plus or minus <see cref="Lag"/>).</param>
/// <param name="Lag">Samples removed (accelerate) or inserted (expand): one period of the waveform, 0 when nothing was changed.</param>
/// <param name="Similarity">Normalized cross-correlation (-1..1) of the two overlapped segments.</param>
public readonly record struct TimeScaleResult(int Consumed, int Lag, double Similarity)
{
    /// <summary>True when a period was actually removed or inserted.</summary>
    public bool Changed => Lag > 0;
}
