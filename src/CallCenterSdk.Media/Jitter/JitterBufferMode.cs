namespace CallCenterSdk.Media.Jitter;

/// <summary>How the jitter buffer chooses its target playout delay.</summary>
public enum JitterBufferMode
{
    /// <summary>Target follows the measured delay distribution (quantile of a forgetting histogram, plus peak memory).</summary>
    Adaptive,

    /// <summary>Target is <see cref="JitterBufferOptions.FixedDelayMs"/> above the fastest path, whatever the network does.</summary>
    Fixed,
}
