namespace CallCenterSdk.Calls.Media;

/// <summary>
/// SDP offer/answer failed: the offer or answer is malformed or breaks RFC 3264, or no audio codec is common to
/// both sides. An incoming INVITE that fails this way is answered 488 Not Acceptable Here with the message as
/// reason.
/// </summary>
public sealed class MediaNegotiationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaNegotiationException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public MediaNegotiationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and the underlying error.</summary>
    public MediaNegotiationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
