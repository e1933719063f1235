namespace CallCenterSdk.Media.Codecs;

/// <summary>The codecs this package implements, as SDP and RFC 3551 describe them.</summary>
public static class AudioCodecs
{
    /// <summary>G.711 mu-law: <c>PCMU/8000</c>, static payload type 0 (RFC 3551 §4.5.14).</summary>
    public static AudioCodecInfo Pcmu { get; } = new("PCMU", 8000, 1, 8000, 0);

    /// <summary>G.711 A-law: <c>PCMA/8000</c>, static payload type 8 (RFC 3551 §4.5.14).</summary>
    public static AudioCodecInfo Pcma { get; } = new("PCMA", 8000, 1, 8000, 8);

    /// <summary>
    /// G.722 at 64 kbit/s: <c>G722/8000</c>, static payload type 9. The clock rate is 8000 although the audio is
    /// sampled at 16 kHz: an erratum of RFC 1890 kept for compatibility (RFC 3551 §4.5.2).
    /// </summary>
    public static AudioCodecInfo G722 { get; } = new("G722", 8000, 1, 16000, 9);

    /// <summary>Linear 16-bit big-endian PCM at 8 kHz (<c>L16/8000</c>, dynamic payload type).</summary>
    public static AudioCodecInfo L16Narrowband { get; } = new("L16", 8000, 1, 8000, null);

    /// <summary>Linear 16-bit big-endian PCM at 16 kHz (<c>L16/16000</c>, dynamic payload type).</summary>
    public static AudioCodecInfo L16Wideband { get; } = new("L16", 16000, 1, 16000, null);

    /// <summary>Linear 16-bit big-endian PCM at 44.1 kHz mono, static payload type 11 (RFC 3551 §4.5.11).</summary>
    public static AudioCodecInfo L16Mono44100 { get; } = new("L16", 44100, 1, 44100, 11);
}
