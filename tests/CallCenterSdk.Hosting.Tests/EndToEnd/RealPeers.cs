namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>
/// The sipp/baresip end-to-end and load tests run alone, after the parallel ones: their callers follow a fixed
/// timeline (keys, talk, survey) and the load test measures a steady call rate, and neither should share the
/// machine's two cores with other live calls.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealPeers
{
    /// <summary>The collection's name.</summary>
    public const string Name = "real peers";
}
