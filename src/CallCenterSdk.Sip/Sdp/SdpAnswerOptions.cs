namespace CallCenterSdk.Sip.Sdp;

/// <summary>Options for <see cref="SdpOfferAnswer.CreateAnswer"/>.</summary>
public sealed class SdpAnswerOptions
{
    /// <summary>Whose codec order wins; default the offerer's.</summary>
    public SdpCodecOrder CodecOrder { get; set; } = SdpCodecOrder.Offerer;

    /// <summary>
    /// True to answer with only the chosen codec (plus telephone-event), so neither side can switch codecs
    /// mid-call; false to list every common codec. Default true, which keeps media bridging simple.
    /// </summary>
    public bool SingleCodec { get; set; } = true;

    /// <summary>
    /// The description we sent last in this session (for answers to re-offers). Its origin is reused and
    /// its version incremented only if the new answer differs (RFC 3264 §8).
    /// </summary>
    public SessionDescription? PreviousLocalDescription { get; set; }
}
