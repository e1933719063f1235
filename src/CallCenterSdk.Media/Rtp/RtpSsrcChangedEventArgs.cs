namespace CallCenterSdk.Media.Rtp;

/// <summary>Raised when the session changes its own SSRC after a collision (RFC 3550 §8.2).</summary>
public sealed class RtpSsrcChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public RtpSsrcChangedEventArgs(uint oldSsrc, uint newSsrc)
    {
        OldSsrc = oldSsrc;
        NewSsrc = newSsrc;
    }

    /// <summary>The SSRC given up (a BYE for it goes out with the next compound).</summary>
    public uint OldSsrc { get; }

    /// <summary>The SSRC used from now on.</summary>
    public uint NewSsrc { get; }
}
