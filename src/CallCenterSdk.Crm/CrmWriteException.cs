namespace CallCenterSdk.Crm;

/// <summary>A write could not be committed (disk full, I/O error, lost connection); nothing of it was stored.</summary>
public sealed class CrmWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrmWriteException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CrmWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CrmWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
