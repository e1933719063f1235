using System.Diagnostics;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Tests.Support;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Tests.Prompts;

/// <summary>Prompt files are made with sox (Debian package sox), as an operator would record or convert them.</summary>
public sealed class DirectoryPromptLibraryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivr-prompts-" + Guid.NewGuid().ToString("N"));

    public DirectoryPromptLibraryTests()
    {
        Directory.CreateDirectory(_folder);
        Sox("-r", "16000", "-n", "-b", "16", "-c", "1", Path.Combine(_folder, "welcome.wav"), "synth", "1", "sine", "440", "vol", "0.5");
        Sox("-r", "8000", "-n", "-e", "a-law", "-c", "1", Path.Combine(_folder, "alaw.wav"), "synth", "0.5", "sine", "1000");
        Sox("-r", "8000", "-n", "-b", "16", "-c", "2", Path.Combine(_folder, "stereo.wav"), "synth", "0.5", "sine", "500");
        File.WriteAllText(Path.Combine(_folder, "broken.wav"), "RIFF but not really");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void Sox(params string[] arguments)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardError = true };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("sox did not start (apt-get install sox)");
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "sox failed: " + process.StandardError.ReadToEnd());
    }

    private static short[] ReadAll(IAudioSource source)
    {
        var all = new List<short>();
        var frame = new short[source.Format.SamplesPerFrame];
        int read;
        while ((read = source.ReadFrame(frame)) > 0)
        {
            all.AddRange(frame.AsSpan(0, read));
        }

        return [.. all];
    }

    [Fact]
    public async Task Wav_prompts_are_read_and_resampled_to_the_call_rate()
    {
        var library = new DirectoryPromptLibrary(_folder);
        var wide = ReadAll(await library.OpenAsync("welcome", AudioFormat.Wideband, CancellationToken.None));
        var narrow = ReadAll(await library.OpenAsync("welcome.wav", AudioFormat.Narrowband, CancellationToken.None));
        Assert.Equal(16000, wide.Length);
        Assert.InRange(narrow.Length, 7900, 8000);
        Assert.InRange(narrow.Max(s => (int)s), 14000, 18000);
        var alaw = ReadAll(await library.OpenAsync("alaw", AudioFormat.Narrowband, CancellationToken.None));
        Assert.Equal(4000, alaw.Length);
    }

    [Theory]
    [InlineData("missing", "was not found")]
    [InlineData("../etc/passwd", "not a valid prompt name")]
    [InlineData("stereo", "prompts must be mono")]
    [InlineData("broken", "not a usable WAV file")]
    public async Task Unusable_prompts_give_a_clear_error(string name, string message)
    {
        var e = await Assert.ThrowsAsync<PromptUnavailableException>(async () => await new DirectoryPromptLibrary(_folder).OpenAsync(name, AudioFormat.Narrowband, CancellationToken.None));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_prompts_play_in_a_flow()
    {
        var rig = new IvrRig(configure: s => s with { Prompts = new PromptRenderer(null, new DirectoryPromptLibrary(_folder)) });
        var result = await rig.RunAsync(new FlowBuilder("f").Play("p", null, Prompt.Recorded("welcome"), Prompt.Recorded("alaw")).Build());
        Assert.Equal(FlowOutcome.Completed, result.Outcome);
        Assert.InRange(rig.Channel.PlayedAudio.Count, 7900 + 4000, 12000);
    }
}
