namespace CallCenterSdk.Sip.Sdp;

/// <summary>The result of an offer/answer exchange: the answer (when we produced it) and one outcome per m-line.</summary>
public sealed class SdpNegotiation
{
    internal SdpNegotiation(SessionDescription offer, SessionDescription answer, IReadOnlyList<NegotiatedStream> streams)
    {
        Offer = offer;
        Answer = answer;
        Streams = streams;
    }

    /// <summary>The offer of the exchange.</summary>
    public SessionDescription Offer { get; }

    /// <summary>The answer of the exchange (built by us in <see cref="SdpOfferAnswer.CreateAnswer"/>).</summary>
    public SessionDescription Answer { get; }

    /// <summary>One entry per m-line, in order.</summary>
    public IReadOnlyList<NegotiatedStream> Streams { get; }

    /// <summary>True when at least one stream was accepted; otherwise the call-control layer answers 488 (RFC 3261 §13.3.1.1).</summary>
    public bool HasAcceptedStream => Streams.Any(s => s.IsAccepted);

    /// <summary>The first accepted stream of a media type, or null.</summary>
    public NegotiatedStream? FirstAccepted(string mediaType) =>
        Streams.FirstOrDefault(s => s.IsAccepted && string.Equals(s.MediaType, mediaType, StringComparison.Ordinal));
}
