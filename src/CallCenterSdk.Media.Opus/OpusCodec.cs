using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Opus;

/// <summary>Opus as SDP names it, and its registration in an <see cref="AudioCodecRegistry"/>.</summary>
public static class OpusCodec
{
    /// <summary>The RTP clock rate of Opus, whatever the audio bandwidth (RFC 7587 §4.1).</summary>
    public const int ClockRate = 48000;

    /// <summary>
    /// The codec info for PCM at <paramref name="sampleRate"/>. SDP always says <c>opus/48000/2</c> (RFC 7587 §7),
    /// even for mono streams at a lower PCM rate.
    /// </summary>
    public static AudioCodecInfo Info(int sampleRate = 48000) => new("opus", ClockRate, 2, sampleRate, null);

    /// <summary>
    /// Registers opus/48000/2 in <paramref name="registry"/>, creating encoders with <paramref name="options"/>
    /// and decoders at the same PCM rate. libopus is loaded when the first encoder or decoder is created.
    /// </summary>
    public static AudioCodecRegistry AddOpus(this AudioCodecRegistry registry, OpusEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var settings = options ?? new OpusEncoderOptions();
        settings.Validate();
        registry.Register(new AudioCodecRegistration(
            Info(settings.SampleRate),
            () => new OpusEncoder(settings),
            () => new OpusDecoder(settings.SampleRate)));
        return registry;
    }
}
