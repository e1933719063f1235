namespace CallCenterSdk.Media.Wav;

/// <summary>How samples are stored in a WAV file's data chunk.</summary>
public enum WavEncoding
{
    /// <summary>Linear 16-bit little-endian PCM (WAVE_FORMAT_PCM, tag 1).</summary>
    Pcm16 = 1,

    /// <summary>G.711 A-law, 8 bits per sample (WAVE_FORMAT_ALAW, tag 6).</summary>
    ALaw = 6,

    /// <summary>G.711 mu-law, 8 bits per sample (WAVE_FORMAT_MULAW, tag 7).</summary>
    MuLaw = 7,
}
