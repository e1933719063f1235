namespace CallCenterSdk.Sip.Sdp;

/// <summary>Whose preference decides the codec order of an answer.</summary>
public enum SdpCodecOrder
{
    /// <summary>The offerer's order (RFC 3264 §6.1 recommends honouring it).</summary>
    Offerer = 0,

    /// <summary>Our own order from <see cref="SdpMediaCapabilities.Codecs"/> (for example to prefer Opus).</summary>
    Local = 1,
}
