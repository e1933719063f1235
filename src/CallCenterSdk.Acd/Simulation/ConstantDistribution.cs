namespace CallCenterSdk.Acd.Simulation;

/// <summary>A constant duration.</summary>
/// <param name="Seconds">The value in seconds.</param>
public sealed record ConstantDistribution(double Seconds) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Seconds;

    /// <inheritdoc />
    public override double Sample(Random random) => Seconds;
}
