using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Opus;

/// <summary>
/// The libopus entry points, with blittable signatures only (pointers and ints), so calls need no marshalling
/// and allocate nothing. The ctl functions are variadic in C; on the System V x86-64 and AAPCS64 Linux ABIs an
/// int passed to a variadic function travels exactly like a fixed int argument, so a fixed signature is sound.
/// </summary>
internal static unsafe partial class OpusNative
{
    public const int ApplicationVoip = 2048;
    public const int ApplicationAudio = 2049;
    public const int ApplicationRestrictedLowDelay = 2051;

    public const int SetBitrateRequest = 4002;
    public const int SetVbrRequest = 4006;
    public const int SetMaxBandwidthRequest = 4004;
    public const int SetComplexityRequest = 4010;
    public const int SetInbandFecRequest = 4012;
    public const int SetPacketLossPercentRequest = 4014;
    public const int SetDtxRequest = 4016;
    public const int SetSignalRequest = 4024;
    public const int GetLookaheadRequest = 4027;
    public const int ResetStateRequest = 4028;

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial IntPtr opus_get_version_string();

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial IntPtr opus_strerror(int error);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial IntPtr opus_encoder_create(int sampleRate, int channels, int application, int* error);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial int opus_encode(IntPtr encoder, short* pcm, int frameSize, byte* data, int maxDataBytes);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial int opus_encoder_ctl(IntPtr encoder, int request, int value);

    [LibraryImport(OpusLibrary.ImportName, EntryPoint = "opus_encoder_ctl")]
    public static partial int opus_encoder_ctl_get(IntPtr encoder, int request, int* value);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial void opus_encoder_destroy(IntPtr encoder);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial IntPtr opus_decoder_create(int sampleRate, int channels, int* error);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial int opus_decode(IntPtr decoder, byte* data, int length, short* pcm, int frameSize, int decodeFec);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial int opus_decoder_ctl(IntPtr decoder, int request, int value);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial void opus_decoder_destroy(IntPtr decoder);

    [LibraryImport(OpusLibrary.ImportName)]
    public static partial int opus_packet_parse(byte* data, int length, byte* toc, byte** frames, short* sizes, int* payloadOffset);
}
