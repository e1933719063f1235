namespace CallCenterSdk.Ivr.Testing;

/// <summary>One playback on a <see cref="MediaTestChannel"/>: what, when, how long, and whether it was cut short.</summary>
public sealed class PlayedPrompt
{
    internal PlayedPrompt(string description, DateTimeOffset startedAt)
    {
        Description = description;
        StartedAt = startedAt;
    }

    /// <summary>The description the engine gave (e.g. "text:Welcome").</summary>
    public string Description { get; }

    /// <summary>When playback began.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Samples actually played.</summary>
    public int SamplesPlayed { get; internal set; }

    /// <summary>True when the source played to its end; false when it was stopped (barge-in, hang-up).</summary>
    public bool Completed { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({SamplesPlayed} samples{(Completed ? "" : ", stopped")})";
}
