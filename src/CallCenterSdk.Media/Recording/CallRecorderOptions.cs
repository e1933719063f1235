using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Recording;

/// <summary>Settings of a <see cref="CallRecorder"/>.</summary>
public sealed record CallRecorderOptions
{
    /// <summary>How samples are stored; default PCM16 (mu-law and A-law halve the size).</summary>
    public WavEncoding Encoding { get; init; } = WavEncoding.Pcm16;

    /// <summary>Seconds of audio between header updates; a crash loses at most this much. Default 1.</summary>
    public int FlushIntervalSeconds { get; init; } = 1;

    /// <summary>Also force each flush to the disk (fsync), surviving a power cut, not only a process crash. Default false.</summary>
    public bool Durable { get; init; }

    /// <summary>
    /// Frames one leg may run ahead of the other before the missing leg is recorded as silence (a leg on hold or
    /// a dead RTP stream must not stall the recording). Default 10 (200 ms).
    /// </summary>
    public int MaxSkewFrames { get; init; } = 10;
}
