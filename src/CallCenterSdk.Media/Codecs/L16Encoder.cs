using System.Buffers.Binary;

namespace CallCenterSdk.Media.Codecs;

/// <summary>L16 encoder: 16-bit linear PCM in network byte order (RFC 3551 §4.5.11).</summary>
/// <param name="codec">Which L16 variant (clock rate) this encoder produces; must be named L16 and mono.</param>
public sealed class L16Encoder(AudioCodecInfo codec) : IAudioEncoder
{
    /// <inheritdoc />
    public AudioCodecInfo Codec { get; } = L16Decoder.Validate(codec);

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if (payload.Length < pcm.Length * 2)
        {
            throw new ArgumentException($"The L16 payload buffer holds {payload.Length} bytes but {pcm.Length} samples need {pcm.Length * 2}.", nameof(payload));
        }

        for (int i = 0; i < pcm.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(payload.Slice(i * 2, 2), pcm[i]);
        }

        return pcm.Length * 2;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
