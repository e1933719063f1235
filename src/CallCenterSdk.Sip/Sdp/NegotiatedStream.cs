namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The outcome of offer/answer for one m-line: accepted or rejected, the codec to use, where to send RTP
/// and RTCP, and in which directions media flows from our side.
/// </summary>
public sealed class NegotiatedStream
{
    /// <summary>The index of the m-line in the offer and answer.</summary>
    public required int Index { get; init; }

    /// <summary>The media type (<c>audio</c>, <c>video</c>, ...).</summary>
    public required string MediaType { get; init; }

    /// <summary>True when both sides agreed on the stream; false when it was rejected with port 0.</summary>
    public bool IsAccepted => RejectionReason is null;

    /// <summary>Why the stream was rejected, or null when it was accepted.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>The codec to send with, carrying the payload type the remote side expects; null when rejected.</summary>
    public SdpCodec? Codec { get; init; }

    /// <summary>Every agreed codec (first is <see cref="Codec"/>), excluding telephone-event.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [];

    /// <summary>The agreed RFC 4733 telephone-event format, or null when DTMF must go in-band or by SIP INFO.</summary>
    public SdpCodec? TelephoneEvent { get; init; }

    /// <summary>Our RTP port for this stream.</summary>
    public int LocalPort { get; init; }

    /// <summary>Where the remote side receives RTP (address or host name); null when rejected.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The remote RTP port.</summary>
    public int RemotePort { get; init; }

    /// <summary>Where the remote side receives RTCP (from <c>a=rtcp</c>, else the RTP address).</summary>
    public string? RemoteRtcpAddress { get; init; }

    /// <summary>The remote RTCP port (<c>a=rtcp</c>, the RTP port when muxed, else RTP port + 1).</summary>
    public int RemoteRtcpPort { get; init; }

    /// <summary>True when both sides agreed on RTP/RTCP multiplexing (RFC 5761).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>What we do: send, receive, both or neither.</summary>
    public SdpDirection Direction { get; init; }

    /// <summary>True when the remote side does not want our media (it sent sendonly/inactive, or c=0.0.0.0).</summary>
    public bool IsRemoteHold { get; init; }

    /// <summary>The packet time the remote side asked to receive (<c>a=ptime</c>), or null.</summary>
    public double? RemotePtime { get; init; }

    /// <summary>The longest packet time the remote side accepts (<c>a=maxptime</c>), or null.</summary>
    public double? RemoteMaxPtime { get; init; }
}
