namespace CallCenterSdk.Media.Opus;

/// <summary>The libopus coding mode (OPUS_APPLICATION_*).</summary>
public enum OpusApplication
{
    /// <summary>Best for speech: favours intelligibility, enables SILK modes (needed for in-band FEC).</summary>
    Voip = 2048,

    /// <summary>Best for music and mixed content.</summary>
    Audio = 2049,

    /// <summary>Lowest delay (CELT only, no FEC).</summary>
    RestrictedLowDelay = 2051,
}
