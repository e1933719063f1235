namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// A <c>t=</c> line (RFC 8866 §5.9) with the <c>r=</c> repeat lines that follow it (§5.10).
/// SIP sessions use <c>t=0 0</c> (unbounded).
/// </summary>
public sealed class SdpTiming
{
    private List<string>? _repeats;

    /// <summary>Creates a timing with the given NTP start and stop times (0 for unbounded).</summary>
    public SdpTiming(ulong startTime, ulong stopTime)
    {
        StartTime = startTime;
        StopTime = stopTime;
    }

    /// <summary>Start time in NTP seconds, 0 when the session is permanent.</summary>
    public ulong StartTime { get; set; }

    /// <summary>Stop time in NTP seconds, 0 when the session is unbounded.</summary>
    public ulong StopTime { get; set; }

    /// <summary>The values of the <c>r=</c> lines that belong to this timing, verbatim.</summary>
    public IList<string> Repeats => _repeats ??= [];

    internal int RepeatCount => _repeats?.Count ?? 0;
}
