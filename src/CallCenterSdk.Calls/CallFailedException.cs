namespace CallCenterSdk.Calls;

/// <summary>A leg ended before it was answered (busy, rejected, cancelled, no response).</summary>
public sealed class CallFailedException : Exception
{
    /// <summary>Creates the exception for a leg that ended with <paramref name="cause"/>.</summary>
    public CallFailedException(CallEndCause cause)
        : base($"The call failed: {cause?.SipStatus} {cause?.Reason} (Q.850 cause {cause?.Q850Cause}).")
    {
        Cause = cause ?? throw new ArgumentNullException(nameof(cause));
    }

    /// <summary>Creates the exception.</summary>
    public CallFailedException()
        : this(new CallEndCause(CallEndParty.Network, 500, 41, "unknown"))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CallFailedException(string message)
        : base(message)
    {
        Cause = new CallEndCause(CallEndParty.Network, 500, 41, message);
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public CallFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cause = new CallEndCause(CallEndParty.Network, 500, 41, message);
    }

    /// <summary>How the leg ended.</summary>
    public CallEndCause Cause { get; }
}
