namespace CallCenterSdk.Media.Codecs;

/// <summary>Encodes mono 16-bit PCM frames into RTP payloads. Instances are per stream and not thread-safe.</summary>
public interface IAudioEncoder : IDisposable
{
    /// <summary>The codec this encoder produces.</summary>
    AudioCodecInfo Codec { get; }

    /// <summary>
    /// Encodes one frame of <paramref name="pcm"/> (at <see cref="AudioCodecInfo.SampleRate"/>) into
    /// <paramref name="payload"/> and returns the number of bytes written. Must not allocate.
    /// </summary>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);
}
