namespace CallCenterSdk.Crm;

/// <summary>The caller's role does not allow the operation (for example exporting a recording).</summary>
public sealed class CrmAccessDeniedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrmAccessDeniedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was denied and why.</param>
    public CrmAccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What was denied and why.</param>
    /// <param name="innerException">The cause.</param>
    public CrmAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
