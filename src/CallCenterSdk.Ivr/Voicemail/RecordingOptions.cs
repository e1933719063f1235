using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>How the record and voicemail steps record the caller.</summary>
public sealed record RecordingOptions
{
    /// <summary>Longest recording. Default 120 s.</summary>
    public TimeSpan MaxLength { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Silence that ends the recording; null never ends on silence. Default 5 s.</summary>
    public TimeSpan? SilenceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>RMS level (of 32767) below which a frame counts as silence. Default 300 (about -40 dBFS).</summary>
    public int SilenceThreshold { get; init; } = 300;

    /// <summary>Keys that end the recording; empty for none. Default "#".</summary>
    public string FinishOnKey { get; init; } = "#";

    /// <summary>Play a beep before recording. Default true.</summary>
    public bool Beep { get; init; } = true;

    /// <summary>Cut leading and trailing silence (and the finish key's tone). Default true.</summary>
    public bool TrimSilence { get; init; } = true;

    /// <summary>Prompts played before the beep.</summary>
    public IReadOnlyList<Prompt> Prompts { get; init; } = [];
}
