using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Speech;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// A deterministic stand-in for speech in unit tests of primitives: 40 ms of a 500 Hz tone per character
/// (at most 3 s), so prompt lengths scale with text and barge-in has something to interrupt. End-to-end
/// tests use the real espeak-ng engine.
/// </summary>
internal sealed class ToneSpeech : ITextToSpeech
{
    public List<SpeechRequest> Requests { get; } = [];

    public ValueTask<PcmAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        int samples = Math.Min(request.SampleRate * 3, request.Text.Length * request.SampleRate / 25);
        var pcm = new short[samples];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(6000 * Math.Sin(2 * Math.PI * 500 * i / request.SampleRate));
        }

        return ValueTask.FromResult(new PcmAudio(new AudioFormat(request.SampleRate), pcm));
    }
}
