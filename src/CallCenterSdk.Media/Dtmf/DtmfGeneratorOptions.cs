namespace CallCenterSdk.Media.Dtmf;

/// <summary>How a <see cref="DtmfGenerator"/> shapes its tones. Defaults follow common sender practice (Q.23/Q.24).</summary>
public sealed record DtmfGeneratorOptions
{
    /// <summary>How long each key sounds; default 100 ms (senders need at least 50 ms).</summary>
    public int ToneMilliseconds { get; init; } = 100;

    /// <summary>Silence after each key; default 100 ms (at least 45 ms).</summary>
    public int PauseMilliseconds { get; init; } = 100;

    /// <summary>Level of the low-group (row) tone in dBm0; default -7.</summary>
    public double LowLevelDbm0 { get; init; } = -7;

    /// <summary>Level of the high-group (column) tone in dBm0; default -5 (a 2 dB reverse twist, as Q.23 senders use).</summary>
    public double HighLevelDbm0 { get; init; } = -5;

    /// <summary>Relative offset applied to the low frequency (0.015 = +1.5%); for test equipment. Default 0.</summary>
    public double LowFrequencyDeviation { get; init; }

    /// <summary>Relative offset applied to the high frequency; for test equipment. Default 0.</summary>
    public double HighFrequencyDeviation { get; init; }
}
