namespace CallCenterSdk.Media.Rtp;

/// <summary>Raised when a remote source leaves: a BYE (RFC 3550 §6.6) or a timeout (§6.3.5).</summary>
public sealed class RtpSourceLeftEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public RtpSourceLeftEventArgs(RtpRemoteSource source, bool timedOut)
    {
        Source = source;
        TimedOut = timedOut;
    }

    /// <summary>The source that left.</summary>
    public RtpRemoteSource Source { get; }

    /// <summary>True when it went silent for five RTCP intervals; false when it sent BYE.</summary>
    public bool TimedOut { get; }
}
