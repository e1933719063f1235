namespace CallCenterSdk.Ivr.Flow;

/// <summary>A flow could not continue: a step timed out without an <c>onTimeout</c> branch, a service is missing, a loop ran without input.</summary>
public sealed class FlowExecutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlowExecutionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FlowExecutionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the cause.</summary>
    public FlowExecutionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
