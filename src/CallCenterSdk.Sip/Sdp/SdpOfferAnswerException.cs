namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// An offer or answer breaks the rules of RFC 3264 (for example an answer with more m-lines than
/// the offer, or an answer that picks a codec that was never offered). The call-control layer
/// turns this into a failed negotiation (488 or a BYE).
/// </summary>
public sealed class SdpOfferAnswerException : Exception
{
    /// <summary>Creates the exception with the violated rule as the message.</summary>
    public SdpOfferAnswerException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SdpOfferAnswerException() : base("The SDP offer/answer exchange breaks RFC 3264.")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SdpOfferAnswerException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
