namespace CallCenterSdk.Media.Tones;

/// <summary>
/// A tone as national telephony specifications describe it: one or more frequencies mixed at a level, and a
/// cadence. An empty cadence means a continuous tone (dial tone).
/// </summary>
/// <param name="Name">A label for logs and docs ("US ringback").</param>
/// <param name="Frequencies">The frequencies in Hz, mixed (not modulated).</param>
/// <param name="LevelDbm0">The level of each frequency component, in dBm0.</param>
/// <param name="Cadence">On/off steps; empty for a continuous tone.</param>
/// <param name="Repeat">True when the cadence repeats forever; false when it plays once.</param>
public sealed record ToneDefinition(string Name, IReadOnlyList<double> Frequencies, double LevelDbm0, IReadOnlyList<ToneSegment> Cadence, bool Repeat = true)
{
    /// <summary>The length of one cadence cycle in milliseconds (0 for a continuous tone).</summary>
    public int CycleMilliseconds => Cadence.Sum(s => s.Milliseconds);

    /// <summary>A short beep (record-start or end-of-prompt style): one frequency, played once.</summary>
    public static ToneDefinition Beep(double frequency = 1000, int milliseconds = 250, double levelDbm0 = -10) =>
        new("beep", [frequency], levelDbm0, [ToneSegment.Tone(milliseconds)], Repeat: false);
}
