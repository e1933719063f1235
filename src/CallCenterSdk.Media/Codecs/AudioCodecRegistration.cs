namespace CallCenterSdk.Media.Codecs;

/// <summary>One codec known to an <see cref="AudioCodecRegistry"/>: its description and how to make per-stream instances.</summary>
/// <param name="Codec">The codec as SDP names it.</param>
/// <param name="EncoderFactory">Creates a new encoder for one stream.</param>
/// <param name="DecoderFactory">Creates a new decoder for one stream.</param>
public sealed record AudioCodecRegistration(
    AudioCodecInfo Codec,
    Func<IAudioEncoder> EncoderFactory,
    Func<IAudioDecoder> DecoderFactory);
