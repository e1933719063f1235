using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Calls.Tests.Support;

internal static class Tones
{
    /// <summary>A steady sine at <paramref name="frequency"/>, -10 dBm0, never ending.</summary>
    public static IAudioSource Steady(double frequency, int sampleRate = 8000) =>
        new ToneGenerator(new ToneDefinition($"{frequency} Hz", [frequency], -10, [ToneSegment.Tone(1000)], Repeat: true), new AudioFormat(sampleRate));
}
