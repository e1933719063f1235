namespace CallCenterSdk.Calls;

/// <summary>The life of a leg.</summary>
public enum CallLegState
{
    /// <summary>Inbound, not answered yet; outbound, INVITE sent without a provisional response.</summary>
    Setup,

    /// <summary>Ringing (180) without media.</summary>
    Ringing,

    /// <summary>Early media flows (183 with SDP, or 180 with SDP).</summary>
    EarlyMedia,

    /// <summary>Answered: the dialog is confirmed and media flows.</summary>
    Connected,

    /// <summary>Ended; <see cref="CallLeg.EndCause"/> says how.</summary>
    Ended,
}
