using CallCenterSdk.Media.Resampling;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>
/// Seven seconds of real speech for codec benchmarks: two espeak-ng voices (en-us male, en-gb female, call-center
/// phrases), 16 kHz mono PCM16 normalised to -3 dBFS by sox, in <c>Media/Data/speech-16k.wav</c> (copied beside the
/// benchmark assembly). Made with:
/// <c>espeak-ng -v en-us -s 175 -w s1.wav "Thank you for calling. Please hold for the next available agent."</c>,
/// <c>espeak-ng -v en-gb+f3 -s 175 -w s2.wav "Good morning, this is Erika. How can I help you?"</c>,
/// <c>sox s1.wav s2.wav -r 16000 -c 1 -b 16 speech-16k.wav gain -n -3</c>.
/// </summary>
internal static class SpeechClip
{
    private const int FileRate = 16000;

    /// <summary>The clip at <paramref name="sampleRate"/> (8, 16 or 48 kHz, resampled by the SDK's polyphase resampler), cut to whole 20 ms frames.</summary>
    public static short[] Load(int sampleRate)
    {
        short[] clip;
        using (var reader = WavReader.Open(Locate()))
        {
            if (reader.Format.SampleRate != FileRate || reader.Format.Channels != 1)
            {
                throw new InvalidDataException($"speech-16k.wav is {reader.Format.SampleRate} Hz with {reader.Format.Channels} channels; expected 16000 Hz mono.");
            }

            var samples = new List<short>();
            var chunk = new short[4096];
            int read;
            while ((read = reader.Read(chunk)) > 0)
            {
                samples.AddRange(chunk.AsSpan(0, read));
            }

            clip = [.. samples];
        }

        int inFrame = FileRate / 50;
        int frames = clip.Length / inFrame;
        if (sampleRate == FileRate)
        {
            return clip[..(frames * inFrame)];
        }

        var resampler = new PolyphaseResampler(FileRate, sampleRate);
        int outFrame = sampleRate / 50;
        var result = new short[frames * outFrame];
        for (int f = 0; f < frames; f++)
        {
            resampler.Process(clip.AsSpan(f * inFrame, inFrame), result.AsSpan(f * outFrame, outFrame));
        }

        return result;
    }

    private static string Locate()
    {
        // Beside the benchmark assembly; BenchmarkDotNet's generated runner gets a copy in its own output too.
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(SpeechClip).Assembly.Location) ?? string.Empty })
        {
            string path = Path.Combine(dir, "Media", "Data", "speech-16k.wav");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"Media/Data/speech-16k.wav was not copied beside the benchmarks (looked under {AppContext.BaseDirectory}).");
    }
}
