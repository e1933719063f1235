namespace CallCenterSdk.Media.Rtcp;

/// <summary>Thrown by <see cref="RtcpCompoundPacket.Parse"/> when a datagram is not a valid RTCP compound packet.</summary>
public sealed class RtcpParseException : FormatException
{
    /// <summary>Creates the exception for a <paramref name="reason"/> found at byte <paramref name="offset"/>.</summary>
    public RtcpParseException(RtcpParseFailure reason, int offset)
        : base(FormattableString.Invariant($"Invalid RTCP packet: {reason} at byte offset {offset}."))
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception with no detail.</summary>
    public RtcpParseException()
        : this(RtcpParseFailure.TooShort, 0)
    {
    }

    /// <summary>Creates the exception with a free message.</summary>
    public RtcpParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a free message and an inner exception.</summary>
    public RtcpParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule the packet broke.</summary>
    public RtcpParseFailure Reason { get; }

    /// <summary>The byte offset in the datagram where the problem was detected.</summary>
    public int Offset { get; }
}
