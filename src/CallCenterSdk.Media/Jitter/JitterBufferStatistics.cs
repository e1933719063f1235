namespace CallCenterSdk.Media.Jitter;

/// <summary>Counters of one jitter buffer since creation (or the last reset of the stream).</summary>
public readonly record struct JitterBufferStatistics
{
    /// <summary>Packets stored.</summary>
    public long Accepted { get; init; }

    /// <summary>Packets dropped as duplicates.</summary>
    public long Duplicates { get; init; }

    /// <summary>Packets dropped because they arrived after their playout time.</summary>
    public long Late { get; init; }

    /// <summary>Packets dropped because the ring was full (the sender ran far ahead).</summary>
    public long Overflows { get; init; }

    /// <summary>Times the SSRC changed.</summary>
    public long SourceChanges { get; init; }

    /// <summary>Frames output, by kind.</summary>
    public long NormalFrames { get; init; }

    /// <summary>Frames containing concealment.</summary>
    public long ConcealedFrames { get; init; }

    /// <summary>Frames played faster (one period removed).</summary>
    public long AcceleratedFrames { get; init; }

    /// <summary>Frames played slower (one period repeated).</summary>
    public long ExpandedFrames { get; init; }

    /// <summary>Frames of silence or comfort noise.</summary>
    public long ComfortNoiseFrames { get; init; }

    /// <summary>Media samples concealed because packets were lost or late.</summary>
    public long ConcealedSamples { get; init; }
}
