namespace CallCenterSdk.Ivr.Speech;

/// <summary>Settings of <see cref="EspeakTextToSpeech"/>.</summary>
public sealed record EspeakOptions
{
    /// <summary>Folder where rendered prompts are cached, keyed by text, voice, rate and sample rate. Required.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>The espeak-ng executable. Default "espeak-ng" (found on PATH).</summary>
    public string EspeakPath { get; init; } = "espeak-ng";

    /// <summary>The sox executable used to resample espeak-ng's 22,050 Hz output. Default "sox".</summary>
    public string SoxPath { get; init; } = "sox";

    /// <summary>Longest time one synthesis may take. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
