namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// G.711 mu-law (PCMU) decoder. It has no concealment of its own: the jitter buffer applies G.711 Appendix I.
/// </summary>
public sealed class MuLawDecoder : IAudioDecoder
{
    /// <inheritdoc />
    public AudioCodecInfo Codec => AudioCodecs.Pcmu;

    /// <inheritdoc />
    public bool HasPacketLossConcealment => false;

    /// <inheritdoc />
    public bool HasForwardErrorCorrection => false;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        MuLaw.Decode(payload, pcm);
        return payload.Length;
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm) => 0;

    /// <inheritdoc />
    public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => 0;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
