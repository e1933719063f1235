namespace CallCenterSdk.Media.Rtcp;

/// <summary>
/// The RTCP transmission interval of RFC 3550 §6.3.1, transcribed from Appendix A.7 <c>rtcp_interval()</c>.
/// Randomness comes from the caller's <see cref="Random"/> so the computation is reproducible.
/// </summary>
public static class RtcpInterval
{
    /// <summary>The minimum average interval between reports (§6.2): 5 seconds.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    /// <summary>Fraction of the RTCP bandwidth shared by active senders (§6.2).</summary>
    public const double SenderBandwidthFraction = 0.25;

    /// <summary>Fraction of the RTCP bandwidth shared by receivers (§6.2).</summary>
    public const double ReceiverBandwidthFraction = 0.75;

    /// <summary>e - 3/2: compensates the bias of timer reconsideration toward shorter intervals (§6.3.1).</summary>
    public const double Compensation = 2.71828 - 1.5;

    /// <summary>
    /// Computes the randomized interval until the next report.
    /// </summary>
    /// <param name="members">Current estimate of session members (at least 1: ourselves).</param>
    /// <param name="senders">Members that sent RTP recently.</param>
    /// <param name="rtcpBandwidth">RTCP bandwidth in octets per second (normally 5% of the session bandwidth).</param>
    /// <param name="weSent">True when we sent RTP since the second-to-last report.</param>
    /// <param name="averageRtcpSize">The running average compound size in octets, UDP and IP headers included.</param>
    /// <param name="initial">True before our first report: the minimum is halved (§6.2).</param>
    /// <param name="random">The source of the uniform [0.5, 1.5) factor.</param>
    /// <param name="minimumInterval">The minimum before halving; <see cref="MinimumInterval"/> unless the reduced minimum of §6.2 is used.</param>
    public static TimeSpan Compute(int members, int senders, double rtcpBandwidth, bool weSent, double averageRtcpSize, bool initial, Random random, TimeSpan? minimumInterval = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rtcpBandwidth);
        var minimum = (minimumInterval ?? MinimumInterval).TotalSeconds;
        if (initial)
        {
            minimum /= 2;
        }

        // Split the bandwidth between senders and receivers only while senders are at most a quarter (§6.2).
        double n = Math.Max(members, 1);
        if (senders <= members * SenderBandwidthFraction)
        {
            if (weSent)
            {
                rtcpBandwidth *= SenderBandwidthFraction;
                n = Math.Max(senders, 1);
            }
            else
            {
                rtcpBandwidth *= ReceiverBandwidthFraction;
                n = Math.Max(members - senders, 1);
            }
        }

        var t = Math.Max(averageRtcpSize * n / rtcpBandwidth, minimum);

        // Randomize to [0.5, 1.5) to avoid synchronization of reports, then compensate (§6.3.1).
        t *= random.NextDouble() + 0.5;
        t /= Compensation;
        return TimeSpan.FromSeconds(t);
    }

    /// <summary>
    /// The deterministic interval Td of §6.3.5 (no randomization, no compensation), used to time out members
    /// after five intervals and senders after two.
    /// </summary>
    public static TimeSpan Deterministic(int members, double rtcpBandwidth, double averageRtcpSize, bool initial, TimeSpan? minimumInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rtcpBandwidth);
        var minimum = (minimumInterval ?? MinimumInterval).TotalSeconds;
        if (initial)
        {
            minimum /= 2;
        }

        return TimeSpan.FromSeconds(Math.Max(averageRtcpSize * Math.Max(members, 1) / rtcpBandwidth, minimum));
    }

    /// <summary>The reduced minimum of §6.2: 360 divided by the session bandwidth in kbit/s, in seconds.</summary>
    public static TimeSpan ReducedMinimum(double sessionBandwidthKilobitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sessionBandwidthKilobitsPerSecond);
        return TimeSpan.FromSeconds(360 / sessionBandwidthKilobitsPerSecond);
    }
}
