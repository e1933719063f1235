namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>A trace file line that does not follow the documented format; carries the 1-based line number.</summary>
public sealed class TraceFormatException : FormatException
{
    /// <summary>Creates the exception for a line and a reason.</summary>
    public TraceFormatException(int lineNumber, string reason)
        : base($"Trace line {lineNumber}: {reason}")
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only (line 0).</summary>
    public TraceFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception with a message and inner exception (line 0).</summary>
    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates the exception with no detail.</summary>
    public TraceFormatException()
    {
        Reason = string.Empty;
    }

    /// <summary>The 1-based line that failed, or 0 when not tied to a line.</summary>
    public int LineNumber { get; }

    /// <summary>Why the line was rejected.</summary>
    public string Reason { get; }
}
