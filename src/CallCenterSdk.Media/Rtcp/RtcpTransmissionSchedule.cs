namespace CallCenterSdk.Media.Rtcp;

/// <summary>
/// When to send the next RTCP report, with timer reconsideration (RFC 3550 §6.3.3 and §6.3.6, Appendix A.7
/// <c>OnExpire</c>) and reverse reconsideration when members leave (§6.3.4). Pure: times are passed in.
/// </summary>
public sealed class RtcpTransmissionSchedule
{
    /// <summary>IPv4 plus UDP header octets counted in the average RTCP size (§6.2).</summary>
    public const int LowerLayerOverhead = 28;

    private readonly Random _random;
    private readonly double _rtcpBandwidth;
    private readonly TimeSpan _minimumInterval;
    private TimeSpan _previous;
    private TimeSpan _next;
    private int _previousMembers = 1;

    /// <summary>Starts the schedule at <paramref name="now"/> (§6.3.2 initialization).</summary>
    /// <param name="now">The session start time.</param>
    /// <param name="rtcpBandwidth">RTCP bandwidth in octets per second.</param>
    /// <param name="expectedReportSize">Initial guess of the compound size in octets (without lower layers).</param>
    /// <param name="random">Randomness for the interval factor.</param>
    /// <param name="minimumInterval">The minimum interval (5 s by default, or the reduced minimum).</param>
    public RtcpTransmissionSchedule(TimeSpan now, double rtcpBandwidth, int expectedReportSize, Random random, TimeSpan? minimumInterval = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _rtcpBandwidth = rtcpBandwidth;
        _minimumInterval = minimumInterval ?? RtcpInterval.MinimumInterval;
        AverageRtcpSize = expectedReportSize + LowerLayerOverhead;
        Members = 1;
        Initial = true;
        _previous = now;
        _next = now + Interval(weSent: false);
    }

    /// <summary>Estimated members including ourselves.</summary>
    public int Members { get; set; }

    /// <summary>Estimated active senders including ourselves when we send.</summary>
    public int Senders { get; set; }

    /// <summary>True until the first report has been sent.</summary>
    public bool Initial { get; private set; }

    /// <summary>The running average compound size in octets, lower layers included.</summary>
    public double AverageRtcpSize { get; private set; }

    /// <summary>The time the next report is due (tn).</summary>
    public TimeSpan NextTransmission => _next;

    /// <summary>The time the last report was sent (tp).</summary>
    public TimeSpan PreviousTransmission => _previous;

    /// <summary>
    /// Called when the timer fires at <paramref name="now"/>. Recomputes the interval from the current member
    /// count (reconsideration); true when a report should be sent now, else the timer is rescheduled to
    /// <see cref="NextTransmission"/>.
    /// </summary>
    public bool OnTimerExpired(TimeSpan now, bool weSent)
    {
        var candidate = _previous + Interval(weSent);
        _previousMembers = Members;
        if (candidate <= now)
        {
            return true;
        }

        _next = candidate;
        return false;
    }

    /// <summary>Records that a compound of <paramref name="size"/> octets was sent at <paramref name="now"/> and schedules the next.</summary>
    public void OnReportSent(TimeSpan now, int size, bool weSent)
    {
        // A.7: avg_rtcp_size = 1/16 * packet_size + 15/16 * avg_rtcp_size, with lower-layer headers.
        AverageRtcpSize = ((size + LowerLayerOverhead) / 16.0) + (AverageRtcpSize * 15.0 / 16.0);
        _previous = now;
        Initial = false;
        _next = now + Interval(weSent);
        _previousMembers = Members;
    }

    /// <summary>Records a received compound of <paramref name="size"/> octets (it also feeds the average, §6.3.3).</summary>
    public void OnReportReceived(int size) =>
        AverageRtcpSize = ((size + LowerLayerOverhead) / 16.0) + (AverageRtcpSize * 15.0 / 16.0);

    /// <summary>
    /// Reverse reconsideration (§6.3.4): when members fall, pull the next and previous times toward now in
    /// proportion, so a shrinking session does not wait for an interval sized for a big one.
    /// </summary>
    public void OnMembersDecreased(TimeSpan now, int members)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(members);
        if (members < _previousMembers)
        {
            var ratio = (double)members / _previousMembers;
            _next = now + ((_next - now) * ratio);
            _previous = now - ((now - _previous) * ratio);
            _previousMembers = members;
        }

        Members = members;
    }

    private TimeSpan Interval(bool weSent) =>
        RtcpInterval.Compute(Members, Senders, _rtcpBandwidth, weSent, AverageRtcpSize, Initial, _random, _minimumInterval);
}
