namespace CallCenterSdk.AcdLab;

/// <summary>Accelerated time for the demonstration: the center decides when the clock moves.</summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public long Ticks { get; set; } = start.UtcTicks;

    public DateTimeOffset Now => new(Ticks, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
