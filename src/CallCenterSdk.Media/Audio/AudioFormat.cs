namespace CallCenterSdk.Media.Audio;

/// <summary>
/// The shape of linear 16-bit PCM flowing between audio ports: sample rate and channel count.
/// Frames are interleaved when <see cref="Channels"/> is greater than one.
/// </summary>
/// <param name="SampleRate">Samples per second per channel (8000, 16000 or 48000 in telephony).</param>
/// <param name="Channels">Number of interleaved channels (1 for every call leg; 2 for recordings).</param>
public readonly record struct AudioFormat(int SampleRate, int Channels = 1)
{
    /// <summary>The frame length every port exchanges: 20 ms, as pjmedia and RTP telephony use.</summary>
    public const int FrameMilliseconds = 20;

    /// <summary>8 kHz mono: G.711 and narrow-band telephony.</summary>
    public static AudioFormat Narrowband { get; } = new(8000);

    /// <summary>16 kHz mono: G.722 and wide-band telephony.</summary>
    public static AudioFormat Wideband { get; } = new(16000);

    /// <summary>48 kHz mono: Opus full-band.</summary>
    public static AudioFormat Fullband { get; } = new(48000);

    /// <summary>Samples per channel in one 20 ms frame.</summary>
    public int SamplesPerChannelPerFrame => SampleRate * FrameMilliseconds / 1000;

    /// <summary>Interleaved samples in one 20 ms frame (all channels).</summary>
    public int SamplesPerFrame => SamplesPerChannelPerFrame * Channels;

    /// <summary>Samples per channel in a frame of <paramref name="milliseconds"/>.</summary>
    public int SamplesPerChannelFor(int milliseconds) => SampleRate * milliseconds / 1000;
}
