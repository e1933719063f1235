namespace CallCenterSdk.Media.Audio;

/// <summary>
/// A passive producer of PCM frames (a file, a tone, a decoder, a mixer output). It has no thread of
/// its own: one clock per pipeline pulls a frame every 20 ms, as pjmedia's ports do.
/// </summary>
public interface IAudioSource
{
    /// <summary>The format of the frames this source produces.</summary>
    AudioFormat Format { get; }

    /// <summary>
    /// Fills <paramref name="frame"/> (normally <see cref="AudioFormat.SamplesPerFrame"/> samples) and
    /// returns how many samples were written. Fewer than <c>frame.Length</c> means the source ended
    /// during this frame; 0 means it has ended. Must not allocate.
    /// </summary>
    int ReadFrame(Span<short> frame);
}
