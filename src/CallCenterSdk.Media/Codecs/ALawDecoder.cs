namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// G.711 A-law (PCMA) decoder. It has no concealment of its own: the jitter buffer applies G.711 Appendix I.
/// </summary>
public sealed class ALawDecoder : IAudioDecoder
{
    /// <inheritdoc />
    public AudioCodecInfo Codec => AudioCodecs.Pcma;

    /// <inheritdoc />
    public bool HasPacketLossConcealment => false;

    /// <inheritdoc />
    public bool HasForwardErrorCorrection => false;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        ALaw.Decode(payload, pcm);
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
