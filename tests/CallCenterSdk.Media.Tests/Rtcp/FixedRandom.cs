namespace CallCenterSdk.Media.Tests.Rtcp;

/// <summary>A <see cref="Random"/> whose NextDouble is fixed, so randomized intervals can be computed by hand.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
