namespace CallCenterSdk.Media.Jitter;

/// <summary>How the adaptive jitter buffer turns its delay histogram into a target delay.</summary>
public enum DelayObjective
{
    /// <summary>
    /// The delay that maximizes the E-model rating (ITU-T G.107): it weighs the delay impairment of waiting
    /// longer against the loss impairment of the packets that would arrive after a shorter target, using the
    /// codec's loss robustness <see cref="JitterBufferOptions.LossRobustness"/>. This is the oracle's criterion
    /// applied online to the forgetting histogram.
    /// </summary>
    QualityOptimal,

    /// <summary>The delay below which <see cref="JitterBufferOptions.Quantile"/> of the packets arrive (NetEQ's rule).</summary>
    Quantile,
}
