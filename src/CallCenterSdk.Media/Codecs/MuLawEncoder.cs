namespace CallCenterSdk.Media.Codecs;

/// <summary>G.711 mu-law (PCMU) encoder: one byte per sample, stateless.</summary>
public sealed class MuLawEncoder : IAudioEncoder
{
    /// <inheritdoc />
    public AudioCodecInfo Codec => AudioCodecs.Pcmu;

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        MuLaw.Encode(pcm, payload);
        return pcm.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
