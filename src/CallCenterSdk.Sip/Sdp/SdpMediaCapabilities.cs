namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// What this endpoint can do for one kind of media: where it receives, over which protocols, with which
/// codecs in which preference, and how it wants DTMF and packet times. Offers are built from it and
/// remote offers are answered against it.
/// </summary>
public sealed class SdpMediaCapabilities
{
    /// <summary>Creates capabilities for a media type received on a port.</summary>
    /// <param name="mediaType">The media type (<c>audio</c>).</param>
    /// <param name="port">The local RTP port put in offers and answers.</param>
    public SdpMediaCapabilities(string mediaType, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        MediaType = mediaType;
        Port = port;
    }

    /// <summary>The media type these capabilities answer (<c>audio</c>).</summary>
    public string MediaType { get; }

    /// <summary>The local RTP port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Transport protocols accepted in a remote offer (compared case-insensitively); the first is used in our
    /// offers. Default: <c>RTP/AVP</c>.
    /// </summary>
    public IList<string> Protocols { get; } = ["RTP/AVP"];

    /// <summary>
    /// Media codecs in our order of preference (no telephone-event here). The payload type of a dynamic
    /// codec is the number we offer; in answers the offerer's number is reused (RFC 3264 §6.1).
    /// </summary>
    public IList<SdpCodec> Codecs { get; } = [];

    /// <summary>
    /// RFC 4733 telephone-event codecs we accept, one per clock rate (8000 for G.711, 48000 for Opus);
    /// their format parameters list the events (<c>0-16</c>).
    /// </summary>
    public IList<SdpCodec> TelephoneEvents { get; } = [];

    /// <summary>The packet time we want to receive, in milliseconds (<c>a=ptime</c>), or null to leave it out.</summary>
    public double? Ptime { get; set; }

    /// <summary>The longest packet time we can receive (<c>a=maxptime</c>), or null.</summary>
    public double? MaxPtime { get; set; }

    /// <summary>The directions we are willing to use; sendrecv unless we are holding the call.</summary>
    public SdpDirection Direction { get; set; } = SdpDirection.SendReceive;

    /// <summary>True to offer and accept RTP/RTCP multiplexing on one port (RFC 5761).</summary>
    public bool RtcpMux { get; set; }
}
