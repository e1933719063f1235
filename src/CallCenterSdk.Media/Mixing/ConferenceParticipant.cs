using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Media.Mixing;

/// <summary>
/// One leg in a <see cref="ConferenceMixer"/>: where its voice comes from and where what it hears goes.
/// <see cref="CanSpeak"/> and <see cref="CanHear"/> give mute and listen-only (silent monitoring).
/// </summary>
public sealed class ConferenceParticipant
{
    internal ConferenceParticipant(string name, IAudioSource? source, IAudioSink? sink, int frameSamples)
    {
        Name = name;
        Source = source;
        Sink = sink;
        Input = new short[frameSamples];
        Output = new short[frameSamples];
    }

    /// <summary>A label for logs.</summary>
    public string Name { get; }

    /// <summary>The leg's voice, or null for a listen-only participant.</summary>
    public IAudioSource? Source { get; }

    /// <summary>Receives the mix of everyone else, or null for a speak-only participant (a prompt player).</summary>
    public IAudioSink? Sink { get; }

    /// <summary>When false the participant is muted: nobody hears it. Default true.</summary>
    public bool CanSpeak { get; set; } = true;

    /// <summary>When false nothing is written to its sink. Default true.</summary>
    public bool CanHear { get; set; } = true;

    internal short[] Input { get; }

    internal short[] Output { get; }

    internal bool Spoke { get; set; }
}
