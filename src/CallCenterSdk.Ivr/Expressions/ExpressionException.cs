namespace CallCenterSdk.Ivr.Expressions;

/// <summary>
/// A malformed expression, one that exceeds the language's limits, or one that failed while evaluating
/// (division by zero, a type mismatch, an unknown function). <see cref="Position"/> is the zero-based
/// character offset in the source where the problem was found.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException(string reason, int position)
        : base($"{reason} (at offset {position})")
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>Creates the exception without a position.</summary>
    public ExpressionException() : this("Invalid expression", 0)
    {
    }

    /// <summary>Creates the exception from a message.</summary>
    public ExpressionException(string message) : this(message, 0)
    {
    }

    /// <summary>Creates the exception wrapping another one.</summary>
    public ExpressionException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>What is wrong, without the offset.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>Zero-based offset in the expression text.</summary>
    public int Position { get; }
}
