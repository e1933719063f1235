namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The only exception the SDP parser throws: the description is malformed. Carries the reason,
/// the 1-based line number and the 0-based byte offset of the offending byte in the input.
/// </summary>
public sealed class SdpParseException : FormatException
{
    /// <summary>Creates an exception for a malformed description.</summary>
    /// <param name="reason">What is wrong, in one sentence.</param>
    /// <param name="lineNumber">1-based line number of the offending line.</param>
    /// <param name="offset">0-based byte offset of the offending byte in the whole input.</param>
    public SdpParseException(string reason, int lineNumber, int offset)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Malformed SDP at line {lineNumber}, offset {offset}: {reason}"))
    {
        Reason = reason;
        LineNumber = lineNumber;
        Offset = offset;
    }

    /// <summary>Creates an exception with a message only (line and offset unknown).</summary>
    public SdpParseException() : this("malformed SDP", 0, 0)
    {
    }

    /// <summary>Creates an exception with a reason only (line and offset unknown).</summary>
    public SdpParseException(string message) : this(message, 0, 0)
    {
    }

    /// <summary>Creates an exception with a reason and an inner exception.</summary>
    public SdpParseException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>What is wrong with the description, without position information.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>1-based number of the line the error was found on (0 if unknown).</summary>
    public int LineNumber { get; }

    /// <summary>0-based byte offset of the offending byte in the parsed input.</summary>
    public int Offset { get; }
}
