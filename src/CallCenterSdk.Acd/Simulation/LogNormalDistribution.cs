namespace CallCenterSdk.Acd.Simulation;

/// <summary>Log-normal distribution given by mean and coefficient of variation.</summary>
/// <param name="MeanSeconds">Mean in seconds.</param>
/// <param name="CoefficientOfVariation">Standard deviation / mean.</param>
public sealed record LogNormalDistribution(double MeanSeconds, double CoefficientOfVariation) : Distribution
{
    /// <inheritdoc />
    public override double Mean => MeanSeconds;

    /// <inheritdoc />
    public override double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double sigma2 = Math.Log(1 + (CoefficientOfVariation * CoefficientOfVariation));
        double mu = Math.Log(MeanSeconds) - (sigma2 / 2);
        // Box-Muller.
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(mu + (Math.Sqrt(sigma2) * z));
    }
}
