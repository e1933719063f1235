using CallCenterSdk.Media.Recording;

namespace CallCenterSdk.Calls.Recording;

/// <summary>Settings of a <see cref="CallRecording"/>.</summary>
public sealed record CallRecordingOptions
{
    /// <summary>The file's sample rate; null records at the higher of the two legs' rates (legs at another rate are resampled).</summary>
    public int? SampleRate { get; init; }

    /// <summary>Sample encoding, flush interval and durability of the file.</summary>
    public CallRecorderOptions Recorder { get; init; } = new();

    /// <summary>Frames queued for the writer before new ones are dropped (a stalled disk must not stall the media clock). Default 500 (10 s).</summary>
    public int WriteQueueFrames { get; init; } = 500;

    /// <summary>Stop (and close the file) when either leg ends. Default true; false keeps recording silence for an ended leg until stopped.</summary>
    public bool StopWhenLegEnds { get; init; } = true;
}
