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
