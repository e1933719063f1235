using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Speech;

/// <summary>Turns text into PCM for prompts.</summary>
public interface ITextToSpeech
{
    /// <summary>Renders <paramref name="request"/>; throws <see cref="TextToSpeechException"/> when the engine fails or is missing.</summary>
    ValueTask<PcmAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}
