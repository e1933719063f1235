namespace CallCenterSdk.Sip.Tests;

/// <summary>
/// Tests that read process-wide state (the static CallCenterSdk.Sip meter, the managed heap) run in this collection:
/// alone, after the parallel ones, so what they read is their own doing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeasurements
{
    /// <summary>The collection name.</summary>
    public const string Name = "process-wide measurements";
}
