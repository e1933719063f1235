using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>Something the IVR plays: speech from text, a recorded file, a tone, silence, or audio from code.</summary>
public abstract record Prompt
{
    /// <summary>A short description for traces and tests.</summary>
    public abstract string Description { get; }

    /// <summary>Text spoken through <see cref="Speech.ITextToSpeech"/>; <c>{expression}</c> inserts a value.</summary>
    public static Prompt Say(string text, string? voice = null, int? rate = null) => new TextPrompt(text, voice, rate);

    /// <summary>A recorded prompt resolved by <see cref="IPromptLibrary"/>.</summary>
    public static Prompt Recorded(string name) => new FilePrompt(name);

    /// <summary>A single or dual tone.</summary>
    public static Prompt Tone(int frequency1, int frequency2, TimeSpan duration) => new TonePrompt(frequency1, frequency2, duration);

    /// <summary>Silence.</summary>
    public static Prompt Silence(TimeSpan duration) => new SilencePrompt(duration);
}

/// <summary>Speech synthesized from a template; <c>{expression}</c> is replaced by its value and <c>{{</c>/<c>}}</c> by braces.</summary>
public sealed record TextPrompt : Prompt
{
    /// <summary>Creates the prompt; throws <see cref="Expressions.ExpressionException"/> for a malformed template.</summary>
    public TextPrompt(string text, string? voice = null, int? rate = null)
    {
        Template = TextTemplate.Parse(text);
        Voice = voice;
        Rate = rate;
    }

    /// <summary>The template text.</summary>
    public string Text => Template.Text;

    /// <summary>The voice (espeak-ng voice name such as en-us or cmn); null uses the renderer's default.</summary>
    public string? Voice { get; }

    /// <summary>Speaking rate in words per minute; null uses the renderer's default.</summary>
    public int? Rate { get; }

    /// <summary>The parsed template.</summary>
    public TextTemplate Template { get; }

    /// <inheritdoc />
    public override string Description => "text:" + Text;
}

/// <summary>A recorded prompt by name (a file name or a key in a prompt store).</summary>
/// <param name="Name">The prompt's name.</param>
public sealed record FilePrompt(string Name) : Prompt
{
    /// <inheritdoc />
    public override string Description => "file:" + Name;
}

/// <summary>A tone: one frequency, or two summed (frequency2 0 for a single tone).</summary>
/// <param name="Frequency1">First frequency in Hz.</param>
/// <param name="Frequency2">Second frequency in Hz, or 0.</param>
/// <param name="Duration">Length of the tone.</param>
public sealed record TonePrompt(int Frequency1, int Frequency2, TimeSpan Duration) : Prompt
{
    /// <inheritdoc />
    public override string Description => Frequency2 > 0 ? $"tone:{Frequency1}+{Frequency2}" : $"tone:{Frequency1}";
}

/// <summary>Silence of a fixed length.</summary>
/// <param name="Duration">Length of the silence.</param>
public sealed record SilencePrompt(TimeSpan Duration) : Prompt
{
    /// <inheritdoc />
    public override string Description => $"silence:{Duration.TotalMilliseconds}ms";
}

/// <summary>Audio produced by code (flows written in C# only).</summary>
/// <param name="Name">A description for traces.</param>
/// <param name="Factory">Creates a new source for each playback, in the requested format.</param>
public sealed record AudioPrompt(string Name, Func<AudioFormat, IAudioSource> Factory) : Prompt
{
    /// <inheritdoc />
    public override string Description => "audio:" + Name;
}
