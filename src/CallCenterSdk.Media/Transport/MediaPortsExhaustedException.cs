namespace CallCenterSdk.Media.Transport;

/// <summary>Thrown when no RTP/RTCP port pair of a <see cref="MediaPortRange"/> could be bound.</summary>
public sealed class MediaPortsExhaustedException : IOException
{
    /// <summary>Creates the exception for a range.</summary>
    public MediaPortsExhaustedException(MediaPortRange range)
        : base(FormattableString.Invariant($"No free RTP/RTCP port pair in {range?.First}-{range?.Last}: every pair is in use or bound by another process. Widen the range or end sessions."))
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public MediaPortsExhaustedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MediaPortsExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public MediaPortsExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
