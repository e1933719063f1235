using System.Runtime.CompilerServices;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// ITU-T G.722 decoder in the 64 kbit/s mode: each payload byte yields two 16 kHz samples (a 160-byte 20 ms
/// payload gives 320 samples). No concealment of its own: the jitter buffer conceals lost packets.
/// </summary>
public sealed class G722Decoder : IAudioDecoder
{
    private G722Band _low = G722Band.Create(32);
    private G722Band _high = G722Band.Create(8);
    private QmfHistory _x;
    private QmfHistory _y;
    private int _ptr;

    /// <inheritdoc />
    public AudioCodecInfo Codec => AudioCodecs.G722;

    /// <inheritdoc />
    public bool HasPacketLossConcealment => false;

    /// <inheritdoc />
    public bool HasForwardErrorCorrection => false;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The PCM buffer cannot hold two samples per payload byte.</exception>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        int samples = payload.Length * 2;
        if (pcm.Length < samples)
        {
            throw new ArgumentException($"The PCM destination holds {pcm.Length} samples but {payload.Length} G.722 bytes decode to {samples}.", nameof(pcm));
        }

        for (int j = 0; j < payload.Length; j++)
        {
            DecodeByte(payload[j], out pcm[2 * j], out pcm[(2 * j) + 1]);
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

    private void DecodeByte(byte code, out short first, out short second)
    {
        int lowCode = code & 0x3F;
        int highCode = (code >> 6) & 0x03;

        // Block 5L: INVQBL with all 6 bits, RECONS and LIMIT give the output.
        int wd2 = (_low.Det * G722Tables.Qm6[lowCode]) >> 15;
        int rlow = G722Band.Sat15(_low.S + wd2);

        // Block 2L: INVQAL with the 4 most significant bits drives the adaptation, exactly as in the encoder.
        int ril = lowCode >> 2;
        short dlow = (short)((_low.Det * G722Tables.Qm4[ril]) >> 15);
        _low.AdaptScale(G722Tables.Wl[G722Tables.Rl42[ril]], 18432, 8);
        _low.Predict(dlow);

        // Blocks 2H, 5H, 6H
        short dhigh = (short)((_high.Det * G722Tables.Qm2[highCode]) >> 15);
        int rhigh = G722Band.Sat15(dhigh + _high.S);
        _high.AdaptScale(G722Tables.Wh[G722Tables.Rh2[highCode]], 22528, 10);
        _high.Predict(dhigh);

        // Receive QMF (G.722 §4.4): recombine the bands into two 16 kHz samples.
        _x[_ptr] = G722Band.Sat16(rlow + rhigh);
        _y[_ptr] = G722Band.Sat16(rlow - rhigh);
        if (++_ptr >= 12)
        {
            _ptr = 0;
        }

        int sumReverse = 0;
        int sumForward = 0;
        ReadOnlySpan<short> forward = G722Tables.QmfForward;
        ReadOnlySpan<short> reverse = G722Tables.QmfReverse;
        for (int i = 0, h = _ptr; i < 12; i++, h = h == 11 ? 0 : h + 1)
        {
            sumReverse += _y[h] * reverse[i];
            sumForward += _x[h] * forward[i];
        }

        // >> 11: the QMF DC gain of 4096, less one for the 15-bit ADPCM output.
        first = G722Band.Sat16(sumReverse >> 11);
        second = G722Band.Sat16(sumForward >> 11);
    }

    [InlineArray(12)]
    private struct QmfHistory
    {
        private short _element;
    }
}
