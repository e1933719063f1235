namespace CallCenterSdk.Acd.Simulation;

/// <summary>The simulator's clock: a <see cref="TimeProvider"/> whose time only moves when the simulator says.</summary>
internal sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    public long Ticks { get; set; } = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Ticks, TimeSpan.Zero);
}
