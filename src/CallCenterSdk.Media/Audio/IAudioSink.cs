namespace CallCenterSdk.Media.Audio;

/// <summary>
/// A passive consumer of PCM frames (a file writer, an encoder, a mixer input, a DTMF detector).
/// The clock of the pipeline pushes one frame every 20 ms.
/// </summary>
public interface IAudioSink
{
    /// <summary>The format of the frames this sink accepts.</summary>
    AudioFormat Format { get; }

    /// <summary>Consumes one frame of interleaved samples. Must not keep a reference to the span.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);
}
