namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// Consumes RTP packets an <see cref="RtpSession"/> accepted (a jitter buffer, a DTMF receiver, a recorder).
/// Called synchronously on the receive loop; the packet view is valid only during the call.
/// </summary>
public interface IRtpPacketSink
{
    /// <summary>A packet that should be played (in sequence, late, or after a restart).</summary>
    void OnRtpPacket(RtpPacket packet, RtpReceiveOutcome outcome);
}
