using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Media.Wav;

/// <summary>
/// An <see cref="IAudioSource"/> that plays a WAV file frame by frame (prompts, music on hold). It streams
/// from disk, so file size does not matter; with <c>loop</c> it starts over at the end.
/// </summary>
public sealed class WavFileSource : IAudioSource, IDisposable
{
    private readonly Func<WavReader> _open;
    private readonly bool _loop;
    private WavReader _reader;

    /// <summary>Opens <paramref name="path"/> for playback.</summary>
    /// <param name="path">The WAV file.</param>
    /// <param name="loop">Start again from the beginning when the file ends (music on hold).</param>
    public WavFileSource(string path, bool loop = false)
        : this(() => WavReader.Open(path), loop)
    {
    }

    private WavFileSource(Func<WavReader> open, bool loop)
    {
        _open = open;
        _loop = loop;
        _reader = open();
    }

    /// <inheritdoc />
    public AudioFormat Format => _reader.Format;

    /// <inheritdoc />
    public int ReadFrame(Span<short> frame)
    {
        int total = _reader.Read(frame);
        if (total < frame.Length && _loop && (_reader.DeclaredFrames ?? 1) > 0)
        {
            _reader.Dispose();
            _reader = _open();
            while (total < frame.Length)
            {
                int got = _reader.Read(frame[total..]);
                if (got == 0)
                {
                    break; // an empty file would otherwise spin
                }

                total += got;
            }
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
