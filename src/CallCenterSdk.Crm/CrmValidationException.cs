namespace CallCenterSdk.Crm;

/// <summary>Input to a CRM store was rejected; <see cref="Exception.Message"/> says which field and why.</summary>
public sealed class CrmValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field that was rejected.</param>
    /// <param name="reason">Why it was rejected.</param>
    public CrmValidationException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CrmValidationException()
        : this("input", "invalid")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CrmValidationException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CrmValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "input";
        Reason = message;
    }

    /// <summary>The field that was rejected.</summary>
    public string Field { get; } = "input";

    /// <summary>Why it was rejected.</summary>
    public string Reason { get; } = string.Empty;
}
