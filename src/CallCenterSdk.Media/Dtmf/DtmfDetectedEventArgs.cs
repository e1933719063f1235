namespace CallCenterSdk.Media.Dtmf;

/// <summary>Carries a key recognised by the <see cref="DtmfDetector"/>.</summary>
/// <param name="detection">What was recognised and when.</param>
public sealed class DtmfDetectedEventArgs(DtmfDetection detection) : EventArgs
{
    /// <summary>What was recognised and when.</summary>
    public DtmfDetection Detection { get; } = detection;
}
