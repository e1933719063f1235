namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>Random extra queueing delay added to each packet on top of the path's base delay.</summary>
public abstract record DelayJitterModel
{
    /// <summary>Draws one non-negative extra delay in milliseconds.</summary>
    public abstract double SampleMs(Random random);
}

/// <summary>
/// Gaussian jitter: the extra delay is |N(0, sigma)| (a half-normal), because a queue can only add delay to
/// the path's minimum. Its standard deviation around the mean is about 0.6 sigma.
/// </summary>
/// <param name="SigmaMs">Standard deviation of the underlying normal, in milliseconds.</param>
public sealed record GaussianJitter(double SigmaMs) : DelayJitterModel
{
    /// <inheritdoc />
    public override double SampleMs(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);

        // Box-Muller: two uniforms give one standard normal.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Abs(normal) * SigmaMs;
    }
}

/// <summary>
/// Pareto (heavy-tailed) jitter: <c>scale * (U^(-1/shape) - 1)</c>, the Lomax form starting at 0. Shapes
/// between 1.5 and 3 model bursty cross traffic with rare long queues.
/// </summary>
/// <param name="ScaleMs">Scale in milliseconds.</param>
/// <param name="Shape">Tail index; smaller is heavier.</param>
public sealed record ParetoJitter(double ScaleMs, double Shape) : DelayJitterModel
{
    /// <inheritdoc />
    public override double SampleMs(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = 1.0 - random.NextDouble();
        return ScaleMs * (Math.Pow(u, -1.0 / Shape) - 1.0);
    }
}
