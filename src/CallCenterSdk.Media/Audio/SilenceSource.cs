namespace CallCenterSdk.Media.Audio;

/// <summary>An endless source of silence (comfort for an idle leg, a mixer placeholder).</summary>
/// <param name="format">The format of the frames it produces.</param>
public sealed class SilenceSource(AudioFormat format) : IAudioSource
{
    /// <inheritdoc />
    public AudioFormat Format { get; } = format;

    /// <inheritdoc />
    public int ReadFrame(Span<short> frame)
    {
        frame.Clear();
        return frame.Length;
    }
}
