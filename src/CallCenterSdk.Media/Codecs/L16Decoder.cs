using System.Buffers.Binary;

namespace CallCenterSdk.Media.Codecs;

/// <summary>L16 decoder: 16-bit linear PCM in network byte order (RFC 3551 §4.5.11).</summary>
/// <param name="codec">Which L16 variant (clock rate) this decoder consumes; must be named L16 and mono.</param>
public sealed class L16Decoder(AudioCodecInfo codec) : IAudioDecoder
{
    /// <inheritdoc />
    public AudioCodecInfo Codec { get; } = Validate(codec);

    /// <inheritdoc />
    public bool HasPacketLossConcealment => false;

    /// <inheritdoc />
    public bool HasForwardErrorCorrection => false;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if ((payload.Length & 1) != 0)
        {
            throw new ArgumentException($"An L16 payload must hold whole 16-bit samples; {payload.Length} bytes is odd.", nameof(payload));
        }

        int samples = payload.Length / 2;
        if (pcm.Length < samples)
        {
            throw new ArgumentException($"The PCM destination holds {pcm.Length} samples but the L16 payload carries {samples}.", nameof(pcm));
        }

        for (int i = 0; i < samples; i++)
        {
            pcm[i] = BinaryPrimitives.ReadInt16BigEndian(payload.Slice(i * 2, 2));
        }

        return samples;
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm) => 0;

    /// <inheritdoc />
    public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => 0;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    internal static AudioCodecInfo Validate(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!string.Equals(codec.EncodingName, "L16", StringComparison.OrdinalIgnoreCase) || codec.Channels != 1 || codec.ClockRate != codec.SampleRate)
        {
            throw new ArgumentException($"L16 codecs here are mono with the clock rate equal to the sample rate; got {codec.EncodingName}/{codec.ClockRate}/{codec.Channels}.", nameof(codec));
        }

        return codec;
    }
}
