namespace CallCenterSdk.Crm.Storage;

/// <summary>The database schema cannot be used: it is newer than this library or a migration failed.</summary>
public sealed class CrmSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrmSchemaException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the schema.</param>
    public CrmSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong with the schema.</param>
    /// <param name="innerException">The cause.</param>
    public CrmSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
