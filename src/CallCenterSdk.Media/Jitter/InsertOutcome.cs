namespace CallCenterSdk.Media.Jitter;

/// <summary>What the jitter buffer did with an inserted packet.</summary>
public enum InsertOutcome
{
    /// <summary>Stored for playout.</summary>
    Accepted,

    /// <summary>Stored, and it starts a new source: the SSRC changed, so the buffer was flushed first.</summary>
    AcceptedNewSource,

    /// <summary>Dropped: a packet with this sequence number is already stored.</summary>
    Duplicate,

    /// <summary>Dropped: its playout time has passed (it was concealed or skipped). Counted as late loss.</summary>
    Late,

    /// <summary>Dropped: the payload is empty or larger than <see cref="JitterBufferOptions.MaxPayloadBytes"/>.</summary>
    InvalidPayload,
}
