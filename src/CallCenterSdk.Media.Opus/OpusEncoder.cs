using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Opus;

/// <summary>
/// Opus encoder over the system libopus. Mono PCM frames of 2.5, 5, 10, 20, 40 or 60 ms in, one Opus packet out.
/// Calls go straight to native code with pinned spans: nothing is allocated or copied per frame.
/// With DTX on, a payload of 2 bytes or less is a silence packet the caller may skip sending (RFC 7587 §3.1.3).
/// </summary>
public sealed unsafe class OpusEncoder : IAudioEncoder
{
    private IntPtr _state;

    /// <summary>Creates an encoder.</summary>
    /// <exception cref="OpusLibraryNotFoundException">libopus.so.0 is not installed.</exception>
    /// <exception cref="OpusException">libopus refused the settings.</exception>
    public OpusEncoder(OpusEncoderOptions? options = null)
    {
        Options = options ?? new OpusEncoderOptions();
        Options.Validate();
        OpusLibrary.EnsureLoaded();
        int error;
        _state = OpusNative.opus_encoder_create(Options.SampleRate, 1, (int)Options.Application, &error);
        if (error != 0 || _state == IntPtr.Zero)
        {
            throw new OpusException("opus_encoder_create", error);
        }

        try
        {
            Set(OpusNative.SetBitrateRequest, Options.Bitrate);
            Set(OpusNative.SetComplexityRequest, Options.Complexity);
            Set(OpusNative.SetInbandFecRequest, Options.InbandFec ? 1 : 0);
            Set(OpusNative.SetDtxRequest, Options.Dtx ? 1 : 0);
            Set(OpusNative.SetPacketLossPercentRequest, Options.PacketLossPercent);
            Set(OpusNative.SetVbrRequest, Options.Vbr ? 1 : 0);
            int lookahead;
            int result = OpusNative.opus_encoder_ctl_get(_state, OpusNative.GetLookaheadRequest, &lookahead);
            Lookahead = result == 0 ? lookahead : throw new OpusException("OPUS_GET_LOOKAHEAD", result);
        }
        catch
        {
            Dispose();
            throw;
        }

        Codec = OpusCodec.Info(Options.SampleRate);
    }

    /// <summary>The settings in force.</summary>
    public OpusEncoderOptions Options { get; }

    /// <summary>The encoder's algorithmic delay in samples at the PCM rate (OPUS_GET_LOOKAHEAD).</summary>
    public int Lookahead { get; }

    /// <inheritdoc />
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The frame is not 2.5, 5, 10, 20, 40 or 60 ms long.</exception>
    /// <exception cref="OpusException">libopus failed (for example the payload buffer is too small).</exception>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_state == IntPtr.Zero, this);
        int rate = Options.SampleRate;
        // Legal Opus frame sizes: 2.5 ms times 1, 2, 4, 8, 16 or 24 (RFC 6716 §2.1.4).
        int unit = rate / 400;
        int units = pcm.Length / unit;
        if (pcm.Length % unit != 0 || units is not (1 or 2 or 4 or 8 or 16 or 24))
        {
            throw new ArgumentException($"An Opus frame at {rate} Hz is 2.5, 5, 10, 20, 40 or 60 ms; {pcm.Length} samples is not.", nameof(pcm));
        }

        fixed (short* input = pcm)
        fixed (byte* output = payload)
        {
            int bytes = OpusNative.opus_encode(_state, input, pcm.Length, output, Math.Min(payload.Length, 1275 * 3));
            return bytes >= 0 ? bytes : throw new OpusException("opus_encode", bytes);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var state = _state;
        _state = IntPtr.Zero;
        if (state != IntPtr.Zero)
        {
            OpusNative.opus_encoder_destroy(state);
        }
    }

    private void Set(int request, int value)
    {
        int result = OpusNative.opus_encoder_ctl(_state, request, value);
        if (result != 0)
        {
            throw new OpusException($"opus_encoder_ctl({request}, {value})", result);
        }
    }
}
