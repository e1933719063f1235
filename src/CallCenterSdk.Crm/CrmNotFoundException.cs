namespace CallCenterSdk.Crm;

/// <summary>The entity does not exist for this tenant (it may exist for another one, which is not revealed).</summary>
public sealed class CrmNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrmNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was not found.</param>
    public CrmNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The cause.</param>
    public CrmNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
