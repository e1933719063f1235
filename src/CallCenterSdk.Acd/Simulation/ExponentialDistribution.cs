namespace CallCenterSdk.Acd.Simulation;

/// <summary>Exponential distribution.</summary>
/// <param name="MeanSeconds">Mean in seconds.</param>
public sealed record ExponentialDistribution(double MeanSeconds) : Distribution
{
    /// <inheritdoc />
    public override double Mean => MeanSeconds;

    /// <inheritdoc />
    public override double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return -MeanSeconds * Math.Log(1.0 - random.NextDouble());
    }
}
