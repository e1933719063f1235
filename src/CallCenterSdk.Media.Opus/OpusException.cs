namespace CallCenterSdk.Media.Opus;

/// <summary>An error code returned by libopus, with libopus's own description.</summary>
public sealed class OpusException : Exception
{
    /// <summary>Creates the exception for an operation and libopus error code.</summary>
    public OpusException(string operation, int errorCode)
        : base($"{operation} failed: {OpusLibrary.Describe(errorCode)} (libopus error {errorCode}).")
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with a message.</summary>
    public OpusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public OpusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public OpusException()
        : base("libopus reported an error.")
    {
    }

    /// <summary>The negative libopus error code (OPUS_BAD_ARG -1, OPUS_BUFFER_TOO_SMALL -2, OPUS_INVALID_PACKET -4, ...).</summary>
    public int ErrorCode { get; }
}
