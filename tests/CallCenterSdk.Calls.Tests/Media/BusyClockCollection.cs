namespace CallCenterSdk.Calls.Tests.Media;

/// <summary>
/// Tests whose clients spin on purpose to make ticks heavy: they keep both cores busy for a second or two, so they run
/// alone, never beside the tests that check audio arrives in time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BusyClockCollection
{
    public const string Name = "busy media clock";
}
