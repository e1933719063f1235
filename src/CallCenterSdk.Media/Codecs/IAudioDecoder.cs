namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// Decodes RTP payloads into mono 16-bit PCM. Instances are per stream and not thread-safe, because
/// codecs with prediction (G.722, Opus) keep state between packets.
/// </summary>
public interface IAudioDecoder : IDisposable
{
    /// <summary>The codec this decoder consumes.</summary>
    AudioCodecInfo Codec { get; }

    /// <summary>
    /// Decodes <paramref name="payload"/> into <paramref name="pcm"/> and returns the number of samples
    /// written. Must not allocate.
    /// </summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>True when the codec conceals a lost packet itself (Opus); false when the caller must (G.711 Appendix I PLC).</summary>
    bool HasPacketLossConcealment { get; }

    /// <summary>
    /// Produces <c>pcm.Length</c> samples of concealment for a lost packet and returns the number written.
    /// Only meaningful when <see cref="HasPacketLossConcealment"/> is true; otherwise returns 0.
    /// </summary>
    int Conceal(Span<short> pcm);

    /// <summary>True when the codec can rebuild a lost packet from redundancy in the next one (Opus in-band FEC).</summary>
    bool HasForwardErrorCorrection { get; }

    /// <summary>
    /// Rebuilds the lost packet that preceded <paramref name="nextPayload"/> from its in-band redundancy,
    /// writing <c>pcm.Length</c> samples. Returns 0 when the next packet carries no redundancy.
    /// </summary>
    int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm);
}
