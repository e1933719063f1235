using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Tests.Dtmf;

/// <summary>
/// Talk-off: real synthesized speech (espeak-ng, several voices, resampled by sox) must never fire the
/// detector, while the same speech with keys mixed in still yields the keys.
/// </summary>
public class DtmfSpeechTalkOffTests
{
    private const string Text =
        "Thank you for calling. Your call is important to us. Please hold while we connect you to the next " +
        "available agent. For billing questions, press one. For technical support, press two. To hear these " +
        "options again, press nine. Our offices are open Monday to Friday from eight in the morning until six " +
        "in the evening. Did you know that you can manage your account online? Visit our website to check your " +
        "balance, pay a bill, or update your details. We are experiencing higher than normal call volumes. " +
        "Your estimated waiting time is four minutes. Music, singing and whistling: la la la, do re mi fa so la ti do. " +
        "Ooooh. Eeeeeh. Mmmmm. Aaaaah. Hello? Yes, I would like to speak to someone about my order number " +
        "seven three nine five two one, which has not arrived yet.";

    [Theory]
    [InlineData("en", 8000)]
    [InlineData("en+f3", 8000)]
    [InlineData("en-us+m5", 16000)]
    [InlineData("en+f4", 16000)]
    [InlineData("en+f1", 8000)]
    [InlineData("de+f3", 8000)]
    [InlineData("fr+f2", 16000)]
    public void Espeak_speech_never_fires_the_detector(string voice, int rate)
    {
        var speech = Speak(voice, rate, speed: 150);
        Assert.True(speech.Length > rate * 30, $"expected over 30 s of speech, got {speech.Length / rate} s");
        Assert.Equal(string.Empty, DtmfDetectorTests.Run(rate, speech));
    }

    [Fact]
    public void Keys_mixed_into_speech_are_still_found()
    {
        var speech = Speak("en", 8000, speed: 170);
        var keys = new CallCenterSdk.Media.Dtmf.DtmfGenerator("42", CallCenterSdk.Media.Audio.AudioFormat.Narrowband, new() { ToneMilliseconds = 80, PauseMilliseconds = 80 });
        var tone = new short[8000];
        int n = keys.ReadFrame(tone);
        // Mix the keys over a quiet stretch (a pause between words) 10 dB above the speech level there.
        int at = FindQuietStretch(speech, n);
        for (int i = 0; i < n; i++)
        {
            speech[at + i] = (short)Math.Clamp(speech[at + i] + tone[i], short.MinValue, short.MaxValue);
        }

        Assert.Equal("42", DtmfDetectorTests.Run(8000, speech));
    }

    private static int FindQuietStretch(short[] speech, int length)
    {
        int best = 0;
        double bestRms = double.MaxValue;
        for (int i = 8000; i + length < speech.Length; i += 400)
        {
            double rms = TestSignals.Rms(speech.AsSpan(i, length));
            if (rms < bestRms)
            {
                bestRms = rms;
                best = i;
            }
        }

        return best;
    }

    private static short[] Speak(string voice, int rate, int speed)
    {
        using var dir = new TempDirectory();
        string raw = dir.File("speech.wav");
        string resampled = dir.File("speech-rate.wav");
        ExternalTool.Run("espeak-ng", "espeak-ng", "-v", voice, "-s", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", raw, Text + " " + Text);
        ExternalTool.Run("sox", "sox", raw, "-r", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "1", "-b", "16", resampled, "gain", "-n", "-3");
        using var reader = WavReader.Open(resampled);
        Assert.Equal(rate, reader.Format.SampleRate);
        var samples = new short[reader.DeclaredFrames ?? 0];
        int total = 0;
        while (total < samples.Length)
        {
            int got = reader.Read(samples.AsSpan(total));
            if (got == 0)
            {
                break;
            }

            total += got;
        }

        return samples[..total];
    }
}
