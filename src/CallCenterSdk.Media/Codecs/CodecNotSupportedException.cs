namespace CallCenterSdk.Media.Codecs;

/// <summary>Thrown when a registry is asked for a codec (SDP name, clock rate, channels) it does not know.</summary>
public sealed class CodecNotSupportedException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public CodecNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public CodecNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public CodecNotSupportedException()
        : base("The codec is not supported.")
    {
    }
}
