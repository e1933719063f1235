using System.Globalization;
using CallCenterSdk.Media.Tests.Codecs;

namespace CallCenterSdk.Media.Tests.Mixing;

/// <summary>Real speech WAVs for mixer and recorder tests: espeak-ng voices resampled by sox to the leg rate.</summary>
internal static class SpeechFiles
{
    public static string Make(TempDirectory dir, string name, string voice, string text, int rate, double gainDb = 0)
    {
        string raw = dir.File(name + "-raw.wav");
        string path = dir.File(name + ".wav");
        ExternalTool.Run("espeak-ng", "espeak-ng", "-v", voice, "-w", raw, text);
        ExternalTool.Run("sox", "sox", raw, "-r", rate.ToString(CultureInfo.InvariantCulture), "-c", "1", "-b", "16", path, "gain", gainDb.ToString(CultureInfo.InvariantCulture));
        return path;
    }
}
