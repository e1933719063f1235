namespace CallCenterSdk.Acd.Simulation;

/// <summary>A distribution of durations in seconds (handle time, patience).</summary>
public abstract record Distribution
{
    /// <summary>The mean in seconds.</summary>
    public abstract double Mean { get; }

    /// <summary>Draws one value in seconds.</summary>
    public abstract double Sample(Random random);

    /// <summary>Exponential with the given mean (M in M/M/c and M/M/c+M).</summary>
    public static Distribution Exponential(double meanSeconds) => new ExponentialDistribution(meanSeconds);

    /// <summary>Log-normal with the given mean and coefficient of variation (realistic handle times).</summary>
    public static Distribution LogNormal(double meanSeconds, double coefficientOfVariation) => new LogNormalDistribution(meanSeconds, coefficientOfVariation);

    /// <summary>Always the same value.</summary>
    public static Distribution Constant(double seconds) => new ConstantDistribution(seconds);
}

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

/// <summary>A constant duration.</summary>
/// <param name="Seconds">The value in seconds.</param>
public sealed record ConstantDistribution(double Seconds) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Seconds;

    /// <inheritdoc />
    public override double Sample(Random random) => Seconds;
}
