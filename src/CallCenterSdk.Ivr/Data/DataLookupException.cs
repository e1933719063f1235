namespace CallCenterSdk.Ivr.Data;

/// <summary>A data look-up failed (HTTP error status, malformed response, unreachable service).</summary>
public sealed class DataLookupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataLookupException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataLookupException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the cause.</summary>
    public DataLookupException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
