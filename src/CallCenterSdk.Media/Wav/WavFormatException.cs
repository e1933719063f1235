namespace CallCenterSdk.Media.Wav;

/// <summary>Thrown when a WAV file is malformed or uses a format this reader does not support; says why and where.</summary>
public sealed class WavFormatException : Exception
{
    /// <summary>Creates the exception with the reason and the byte offset in the file where the problem was found.</summary>
    public WavFormatException(string reason, long offset)
        : base($"{reason} (at byte offset {offset})")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception with a message.</summary>
    public WavFormatException(string message)
        : base(message)
    {
        Reason = message;
        Offset = -1;
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Offset = -1;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public WavFormatException()
        : this("The WAV file is malformed.")
    {
    }

    /// <summary>Why the file was rejected, without the offset.</summary>
    public string Reason { get; }

    /// <summary>The byte offset in the file where the problem was found, or -1 when unknown.</summary>
    public long Offset { get; }
}
