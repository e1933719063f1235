namespace CallCenterSdk.Ivr.Flow;

/// <summary>A flow failed validation; <see cref="Errors"/> lists every problem found.</summary>
public sealed class FlowValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlowValidationException(string flowId, IReadOnlyList<FlowValidationError> errors)
        : base($"Flow '{flowId}' is invalid: {string.Join("; ", errors)}")
    {
        FlowId = flowId;
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public FlowValidationException() : this("?", [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public FlowValidationException(string message) : base(message)
    {
        FlowId = "?";
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    public FlowValidationException(string message, Exception innerException) : base(message, innerException)
    {
        FlowId = "?";
        Errors = [];
    }

    /// <summary>The flow's id.</summary>
    public string FlowId { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FlowValidationError> Errors { get; }
}
