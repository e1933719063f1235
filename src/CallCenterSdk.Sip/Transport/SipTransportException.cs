namespace CallCenterSdk.Sip.Transport;

/// <summary>A message could not be sent (no connection, refused, reset); the transaction layer reports it to its user.</summary>
public sealed class SipTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SipTransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SipTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SipTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
