using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Media.Wav;

/// <summary>An <see cref="IAudioSink"/> that appends every frame to a WAV file (caller recording, voicemail).</summary>
public sealed class WavFileSink : IAudioSink, IDisposable
{
    private readonly WavWriter _writer;

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public WavFileSink(string path, AudioFormat format, WavEncoding encoding = WavEncoding.Pcm16)
    {
        _writer = WavWriter.Create(path, format, encoding);
    }

    /// <inheritdoc />
    public AudioFormat Format => _writer.Format;

    /// <summary>Sample frames written so far.</summary>
    public long FramesWritten => _writer.FramesWritten;

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame) => _writer.Write(frame);

    /// <summary>Makes the file playable up to here (header sizes rewritten, data flushed).</summary>
    public void Flush() => _writer.Flush();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
