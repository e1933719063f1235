using CallCenterSdk.Acd;

namespace CallCenterSdk.Hosting.Options;

/// <summary>An ACD queue.</summary>
public sealed class QueueOptions
{
    /// <summary>Queue id, unique in the tenant.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Agent selection strategy [LongestIdle].</summary>
    public RoutingStrategyKind Strategy { get; set; } = RoutingStrategyKind.LongestIdle;

    /// <summary>Service-level threshold T in seconds [20]: answered within T counts as in service level.</summary>
    public int ServiceLevelThresholdSeconds { get; set; } = 20;

    /// <summary>Wrap-up after each contact in seconds [0].</summary>
    public int WrapUpSeconds { get; set; }

    /// <summary>Ring time of an offer before it returns to the queue, in seconds [20].</summary>
    public int OfferTimeoutSeconds { get; set; } = 20;

    /// <summary>Longest wait in seconds before the caller is sent on (0 = no limit) [0].</summary>
    public int MaxWaitSeconds { get; set; }

    /// <summary>Skills every contact of this queue requires: skill name to minimum level (1-10).</summary>
    public IDictionary<string, int> RequiredSkills { get; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
