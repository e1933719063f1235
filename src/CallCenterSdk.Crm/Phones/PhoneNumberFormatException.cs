namespace CallCenterSdk.Crm.Phones;

/// <summary>A phone number could not be normalised to E.164; the message says why and where.</summary>
public sealed class PhoneNumberFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PhoneNumberFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the number was rejected.</param>
    public PhoneNumberFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">Why the number was rejected.</param>
    /// <param name="innerException">The cause.</param>
    public PhoneNumberFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
