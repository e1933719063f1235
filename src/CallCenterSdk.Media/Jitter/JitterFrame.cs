namespace CallCenterSdk.Media.Jitter;

/// <summary>Describes one output frame of the jitter buffer.</summary>
/// <param name="Kind">What the frame is made of.</param>
/// <param name="Samples">Samples written (always the frame length).</param>
/// <param name="Timestamp">
/// Extended RTP timestamp of the first sample played, or -1 for comfort noise; during concealment of an empty
/// buffer it stays at the position playback waits at.
/// </param>
/// <param name="Consumed">Media samples (of the sender's timeline) this frame used up: more than <paramref name="Samples"/> when accelerated, fewer when expanded.</param>
/// <param name="ConcealedSamples">How many of the frame's samples are concealment.</param>
public readonly record struct JitterFrame(JitterFrameKind Kind, int Samples, long Timestamp, int Consumed, int ConcealedSamples = 0);
