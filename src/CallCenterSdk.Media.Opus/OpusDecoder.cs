using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Opus;

/// <summary>
/// Opus decoder over the system libopus, producing mono PCM (stereo packets are down-mixed by libopus).
/// It conceals lost packets itself (<see cref="Conceal"/>) and rebuilds a lost packet from the in-band FEC
/// carried by the next one (<see cref="DecodeRedundant"/>). Nothing is allocated per packet.
/// </summary>
public sealed unsafe class OpusDecoder : IAudioDecoder
{
    private IntPtr _state;
    private readonly int _quantum;
    private short[]? _concealScratch;

    /// <summary>Creates a decoder producing PCM at <paramref name="sampleRate"/> (8000, 12000, 16000, 24000 or 48000).</summary>
    /// <exception cref="OpusLibraryNotFoundException">libopus.so.0 is not installed.</exception>
    public OpusDecoder(int sampleRate = 48000)
    {
        if (sampleRate is not (8000 or 12000 or 16000 or 24000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Opus decodes to 8000, 12000, 16000, 24000 or 48000 Hz PCM.");
        }

        OpusLibrary.EnsureLoaded();
        int error;
        _state = OpusNative.opus_decoder_create(sampleRate, 1, &error);
        if (error != 0 || _state == IntPtr.Zero)
        {
            throw new OpusException("opus_decoder_create", error);
        }

        Codec = OpusCodec.Info(sampleRate);
        _quantum = sampleRate / 400;
    }

    /// <inheritdoc />
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc />
    public bool HasPacketLossConcealment => true;

    /// <inheritdoc />
    public bool HasForwardErrorCorrection => true;

    /// <inheritdoc />
    /// <exception cref="OpusException">The packet is corrupt (OPUS_INVALID_PACKET) or longer than <paramref name="pcm"/>.</exception>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        ObjectDisposedException.ThrowIf(_state == IntPtr.Zero, this);
        if (payload.IsEmpty)
        {
            throw new ArgumentException("An empty Opus payload is not a packet; call Conceal for a lost one.", nameof(payload));
        }

        fixed (byte* data = payload)
        fixed (short* output = pcm)
        {
            int samples = OpusNative.opus_decode(_state, data, payload.Length, output, pcm.Length, 0);
            return samples >= 0 ? samples : throw new OpusException("opus_decode", samples);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// libopus conceals only whole multiples of 2.5 ms. A jitter buffer may ask for any length (the rest of a frame
    /// after time-scaling, say): such a request is concealed rounded up to the next 2.5 ms in a scratch buffer
    /// (allocated once) and the first <c>pcm.Length</c> samples are returned.
    /// </remarks>
    public int Conceal(Span<short> pcm)
    {
        ObjectDisposedException.ThrowIf(_state == IntPtr.Zero, this);
        if (pcm.IsEmpty)
        {
            return 0;
        }

        if (pcm.Length % _quantum == 0)
        {
            fixed (short* output = pcm)
            {
                int samples = OpusNative.opus_decode(_state, null, 0, output, pcm.Length, 0);
                return samples >= 0 ? samples : throw new OpusException("opus_decode (concealment)", samples);
            }
        }

        var rounded = (pcm.Length / _quantum + 1) * _quantum;
        if (_concealScratch is null || _concealScratch.Length < rounded)
        {
            _concealScratch = new short[Math.Max(rounded, _quantum * 48)]; // 120 ms: the longest Opus frame
        }

        fixed (short* scratch = _concealScratch)
        {
            int samples = OpusNative.opus_decode(_state, null, 0, scratch, rounded, 0);
            if (samples < 0)
            {
                throw new OpusException("opus_decode (concealment)", samples);
            }
        }

        _concealScratch.AsSpan(0, pcm.Length).CopyTo(pcm);
        return pcm.Length;
    }

    /// <inheritdoc />
    public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm)
    {
        ObjectDisposedException.ThrowIf(_state == IntPtr.Zero, this);
        if (!OpusPacket.HasRedundancy(nextPayload))
        {
            return 0;
        }

        fixed (byte* data = nextPayload)
        fixed (short* output = pcm)
        {
            int samples = OpusNative.opus_decode(_state, data, nextPayload.Length, output, pcm.Length, 1);
            return samples >= 0 ? samples : throw new OpusException("opus_decode (FEC)", samples);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var state = _state;
        _state = IntPtr.Zero;
        if (state != IntPtr.Zero)
        {
            OpusNative.opus_decoder_destroy(state);
        }
    }
}
