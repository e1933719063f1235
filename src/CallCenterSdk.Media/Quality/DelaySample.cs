namespace CallCenterSdk.Media.Quality;

/// <summary>One point of a playout-delay timeline: at receiver time <paramref name="TimeMs"/> audio sent <paramref name="DelayMs"/> earlier was playing.</summary>
/// <param name="TimeMs">Receiver time in ms.</param>
/// <param name="DelayMs">Send-to-playout delay in ms.</param>
public readonly record struct DelaySample(double TimeMs, double DelayMs);
