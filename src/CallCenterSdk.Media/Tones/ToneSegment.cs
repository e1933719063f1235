namespace CallCenterSdk.Media.Tones;

/// <summary>One step of a cadence: the tone on or off for a number of milliseconds.</summary>
/// <param name="Milliseconds">How long the step lasts.</param>
/// <param name="On">True when the tone sounds during the step.</param>
public readonly record struct ToneSegment(int Milliseconds, bool On)
{
    /// <summary>A step with the tone on.</summary>
    public static ToneSegment Tone(int milliseconds) => new(milliseconds, true);

    /// <summary>A step of silence.</summary>
    public static ToneSegment Silence(int milliseconds) => new(milliseconds, false);
}
