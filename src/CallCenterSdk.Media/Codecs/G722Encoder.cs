using System.Runtime.CompilerServices;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// ITU-T G.722 encoder in the 64 kbit/s mode (6-bit lower band, 2-bit higher band): 16 kHz PCM in, one byte per
/// two samples out, so a 20 ms frame of 320 samples becomes 160 bytes. Managed and allocation-free.
/// </summary>
public sealed class G722Encoder : IAudioEncoder
{
    private G722Band _low = G722Band.Create(32);
    private G722Band _high = G722Band.Create(8);
    private QmfHistory _x;
    private QmfHistory _y;
    private int _ptr;

    /// <inheritdoc />
    public AudioCodecInfo Codec => AudioCodecs.G722;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The sample count is odd or the payload buffer is too small.</exception>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if ((pcm.Length & 1) != 0)
        {
            throw new ArgumentException($"G.722 codes pairs of 16 kHz samples; {pcm.Length} samples is odd.", nameof(pcm));
        }

        int bytes = pcm.Length / 2;
        if (payload.Length < bytes)
        {
            throw new ArgumentException($"The G.722 payload buffer holds {payload.Length} bytes but {pcm.Length} samples need {bytes}.", nameof(payload));
        }

        for (int j = 0, k = 0; j < pcm.Length; j += 2, k++)
        {
            payload[k] = EncodePair(pcm[j], pcm[j + 1]);
        }

        return bytes;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private byte EncodePair(short even, short odd)
    {
        // Transmit QMF (G.722 §3.2): split into 8 kHz lower and higher bands.
        _x[_ptr] = even;
        _y[_ptr] = odd;
        if (++_ptr >= 12)
        {
            _ptr = 0;
        }

        int sumOdd = 0;
        int sumEven = 0;
        ReadOnlySpan<short> forward = G722Tables.QmfForward;
        ReadOnlySpan<short> reverse = G722Tables.QmfReverse;
        for (int i = 0, h = _ptr; i < 12; i++, h = h == 11 ? 0 : h + 1)
        {
            sumOdd += _x[h] * forward[i];
            sumEven += _y[h] * reverse[i];
        }

        // >> 14: the QMF DC gain of 4096, the sum of two filters, and the 15-bit input of the ADPCM.
        short xLow = (short)((sumEven + sumOdd) >> 14);
        short xHigh = (short)((sumEven - sumOdd) >> 14);

        int lowCode = EncodeLow(xLow);
        int highCode = EncodeHigh(xHigh);
        return (byte)((highCode << 6) | lowCode);
    }

    private int EncodeLow(short xLow)
    {
        // Block 1L: SUBTRA and QUANTL (G.722 §3.3)
        int el = G722Band.Sat16(xLow - _low.S);
        int wd = el >= 0 ? el : ~el;
        ReadOnlySpan<short> q6 = G722Tables.Q6;
        int i = 1;
        for (; i < 30; i++)
        {
            int level = (q6[i] * _low.Det) >> 12;
            if (wd < level)
            {
                break;
            }
        }

        int ilow = el < 0 ? G722Tables.Iln[i] : G722Tables.Ilp[i];

        // Block 2L: INVQAL on the 4 most significant bits, then scale adaptation and prediction.
        int ril = ilow >> 2;
        short dlow = (short)((_low.Det * G722Tables.Qm4[ril]) >> 15);
        _low.AdaptScale(G722Tables.Wl[G722Tables.Rl42[ril]], 18432, 8);
        _low.Predict(dlow);
        return ilow;
    }

    private int EncodeHigh(short xHigh)
    {
        // Block 1H: SUBTRA and QUANTH (G.722 §3.4)
        int eh = G722Band.Sat16(xHigh - _high.S);
        int wd = eh >= 0 ? eh : ~eh;
        int level = (564 * _high.Det) >> 12;
        int mih = wd >= level ? 2 : 1;
        int ihigh = eh < 0 ? G722Tables.Ihn[mih] : G722Tables.Ihp[mih];

        short dhigh = (short)((_high.Det * G722Tables.Qm2[ihigh]) >> 15);
        _high.AdaptScale(G722Tables.Wh[G722Tables.Rh2[ihigh]], 22528, 10);
        _high.Predict(dhigh);
        return ihigh;
    }

    [InlineArray(12)]
    private struct QmfHistory
    {
        private short _element;
    }
}
