namespace CallCenterSdk.Acd;

/// <summary>A refused ACD operation, with a specific <see cref="Error"/> and a readable reason.</summary>
public sealed class AcdException : Exception
{
    /// <summary>Creates an exception with <see cref="AcdError.None"/>.</summary>
    public AcdException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AcdException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and inner exception.</summary>
    public AcdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with an error code and message.</summary>
    public AcdException(AcdError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The kind of refusal.</summary>
    public AcdError Error { get; }
}
