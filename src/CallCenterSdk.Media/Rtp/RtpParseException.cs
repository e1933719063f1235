namespace CallCenterSdk.Media.Rtp;

/// <summary>Thrown by <see cref="RtpPacket.Parse"/> when a datagram is not a valid RTP packet.</summary>
public sealed class RtpParseException : FormatException
{
    /// <summary>Creates the exception for a <paramref name="reason"/> found at byte <paramref name="offset"/>.</summary>
    public RtpParseException(RtpParseFailure reason, int offset)
        : base(FormattableString.Invariant($"Invalid RTP packet: {reason} at byte offset {offset}."))
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception with a free message (serialization and tooling only).</summary>
    public RtpParseException()
        : this(RtpParseFailure.TooShort, 0)
    {
    }

    /// <summary>Creates the exception with a free message.</summary>
    public RtpParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a free message and an inner exception.</summary>
    public RtpParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule the packet broke.</summary>
    public RtpParseFailure Reason { get; }

    /// <summary>The byte offset in the datagram where the problem was detected.</summary>
    public int Offset { get; }
}
