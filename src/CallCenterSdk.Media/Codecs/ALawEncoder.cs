namespace CallCenterSdk.Media.Codecs;

/// <summary>G.711 A-law (PCMA) encoder: one byte per sample, stateless.</summary>
public sealed class ALawEncoder : IAudioEncoder
{
    /// <inheritdoc />
    public AudioCodecInfo Codec => AudioCodecs.Pcma;

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        ALaw.Encode(pcm, payload);
        return pcm.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
