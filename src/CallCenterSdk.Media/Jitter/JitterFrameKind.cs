namespace CallCenterSdk.Media.Jitter;

/// <summary>What an output frame of the jitter buffer is made of.</summary>
public enum JitterFrameKind
{
    /// <summary>Decoded audio played at its natural speed.</summary>
    Normal,

    /// <summary>At least part of the frame is concealment (a lost or late packet, or the buffer ran dry).</summary>
    Concealed,

    /// <summary>Audio played faster: one pitch period was removed to shrink the delay (WSOLA accelerate).</summary>
    Accelerated,

    /// <summary>Audio played slower: one pitch period was repeated to grow the delay (WSOLA expand).</summary>
    Expanded,

    /// <summary>Silence or comfort noise: before the first packet, during DTX, or while a talk spurt waits for its playout time.</summary>
    ComfortNoise,
}
