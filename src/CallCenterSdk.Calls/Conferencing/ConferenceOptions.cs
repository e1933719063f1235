using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Calls.Conferencing;

/// <summary>Options of a <see cref="Conference"/>.</summary>
public sealed class ConferenceOptions
{
    /// <summary>
    /// The rate the mixer runs at: every member's audio is resampled to it and back to the member's own rate
    /// (16 kHz by default, so wide-band members keep their band; 8 kHz saves the resampling of G.711 legs).
    /// </summary>
    public int SampleRate { get; init; } = AudioFormat.Wideband.SampleRate;

    /// <summary>When the conference ends by itself as members leave (<see cref="ConferenceEndPolicy.WhenEmpty"/> by default).</summary>
    public ConferenceEndPolicy EndPolicy { get; init; } = ConferenceEndPolicy.WhenEmpty;

    /// <summary>Hang up the members still in the conference when it ends (true by default); false leaves them up, unrouted.</summary>
    public bool HangUpMembersOnEnd { get; init; } = true;

    /// <summary>A name for logs and CDRs.</summary>
    public string? Name { get; init; }

    internal void Validate()
    {
        if (SampleRate is not (8000 or 16000 or 24000 or 32000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "A conference mixes at 8000, 16000, 24000, 32000 or 48000 Hz.");
        }

        if (!Enum.IsDefined(EndPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(EndPolicy), EndPolicy, "Unknown end policy.");
        }
    }
}
