namespace CallCenterSdk.Acd;

/// <summary>Engine-wide options.</summary>
public sealed record AcdOptions
{
    /// <summary>
    /// When an agent in several queues frees up, take the longest-waiting eligible contact across
    /// them regardless of routing-profile priority (default false: priority first, then longest wait).
    /// </summary>
    public bool ForceLongestWaitingCaller { get; init; }

    /// <summary>How long the engine remembers which agent served a caller last (default 24 h).</summary>
    public TimeSpan StickyMemory { get; init; } = TimeSpan.FromHours(24);
}
