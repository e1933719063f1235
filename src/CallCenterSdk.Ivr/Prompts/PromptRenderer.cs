using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Speech;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>
/// The default renderer: text through an <see cref="ITextToSpeech"/>, files through an
/// <see cref="IPromptLibrary"/>, tones and silence generated in place.
/// </summary>
/// <param name="textToSpeech">Speech engine, or null when flows use no text prompts.</param>
/// <param name="library">Recorded prompts, or null when flows use no file prompts.</param>
/// <param name="defaultVoice">Voice for text prompts without one. Default "en-us".</param>
/// <param name="defaultRate">Words per minute for text prompts without one. Default 160.</param>
public sealed class PromptRenderer(ITextToSpeech? textToSpeech, IPromptLibrary? library, string defaultVoice = "en-us", int defaultRate = 160)
    : IPromptRenderer
{
    /// <summary>Tone level relative to full scale (about -10 dBFS).</summary>
    private const double ToneLevel = 0.3;

    /// <inheritdoc />
    public async ValueTask<IAudioSource> RenderAsync(Prompt prompt, IVariableScope scope, AudioFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        switch (prompt)
        {
            case TextPrompt text:
            {
                if (textToSpeech is null)
                {
                    throw new PromptUnavailableException($"Cannot say '{text.Text}': no text-to-speech engine is configured (IvrServices.PromptRenderer).");
                }

                string spoken = text.Template.Render(scope);
                var audio = await textToSpeech.SynthesizeAsync(
                    new SpeechRequest(spoken, text.Voice ?? defaultVoice, text.Rate ?? defaultRate, format.SampleRate),
                    cancellationToken).ConfigureAwait(false);
                return audio.CreateSource();
            }

            case FilePrompt file:
                return library is null
                    ? throw new PromptUnavailableException($"Cannot play '{file.Name}': no prompt library is configured.")
                    : await library.OpenAsync(file.Name, format, cancellationToken).ConfigureAwait(false);
            case TonePrompt tone:
                return new ToneSource(format, tone.Frequency1, tone.Frequency2, tone.Duration, ToneLevel);
            case SilencePrompt silence:
                return new PauseSource(format, silence.Duration);
            case AudioPrompt audio:
                return audio.Factory(format);
            default:
                throw new PromptUnavailableException($"Prompt type {prompt.GetType().Name} is not supported.");
        }
    }
}
