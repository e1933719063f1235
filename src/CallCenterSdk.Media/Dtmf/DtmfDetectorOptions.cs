namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// Acceptance limits of the in-band DTMF detector. Defaults sit in the middle of the ITU-T Q.24 "don't care"
/// zones (see docs/media.md): accept within 1.5% and reject beyond 3.5% frequency error, 8 dB normal and 4 dB
/// reverse twist accepted, tones of 40 ms accepted and under 23 ms rejected.
/// </summary>
public sealed record DtmfDetectorOptions
{
    /// <summary>Largest relative frequency error accepted for each tone; default 0.025 (2.5%).</summary>
    public double FrequencyTolerance { get; init; } = 0.025;

    /// <summary>Lowest level of each tone in dBm0; default -31 (Q.24 tables accept -25; CMX869 rejects -36).</summary>
    public double MinimumLevelDbm0 { get; init; } = -31;

    /// <summary>Largest normal twist (row tone louder than column tone) in dB; default 9.</summary>
    public double NormalTwistDb { get; init; } = 9;

    /// <summary>Largest reverse twist (column tone louder than row tone) in dB; default 7.</summary>
    public double ReverseTwistDb { get; init; } = 7;

    /// <summary>Smallest share of the signal power that the two tones must carry; default 0.9 (rejects speech, whose voiced harmonics spread power beyond any two of them, and noise).</summary>
    public double MinimumToneShare { get; init; } = 0.9;

    /// <summary>
    /// Analysis steps (5 ms apart, each over 10 ms) that must agree before a key is reported; default 6, which
    /// accepts 40 ms tones and rejects 23 ms ones.
    /// </summary>
    public int RequiredSteps { get; init; } = 6;

    /// <summary>
    /// Consecutive steps without the key that end it; default 7 (about 35 ms of silence), so a 10 ms break does
    /// not split a key but a 40 ms pause separates two.
    /// </summary>
    public int EndSteps { get; init; } = 7;
}
