using System.Diagnostics;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Tests.Recording;

/// <summary>A recorder in a child process is killed (SIGKILL) mid-call; the file it leaves must play.</summary>
public class CallRecorderCrashTests
{
    [Fact]
    public async Task Killing_the_recording_process_leaves_a_file_that_plays_to_the_last_flushed_second()
    {
        using var dir = new TempDirectory();
        string path = dir.File("killed.wav");
        string assembly = typeof(RecorderChildProcess).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", assembly, "record-until-killed", path })
        {
            start.ArgumentList.Add(argument);
        }

        int flushedSeconds = 0;
        using (var child = Process.Start(start)!)
        {
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (flushedSeconds < 3)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    string? line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                    if (line is null)
                    {
                        Assert.Fail("child stopped reporting: " + await child.StandardError.ReadToEndAsync());
                    }

                    if (line!.StartsWith("flushed ", StringComparison.Ordinal))
                    {
                        flushedSeconds = int.Parse(line["flushed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    }

                    Assert.True(DateTime.UtcNow < deadline, "child too slow");
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no Dispose in the child
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await child.WaitForExitAsync(exit.Token);
            }
        }

        using (var reader = WavReader.Open(path))
        {
            Assert.Equal(new AudioFormat(8000, 2), reader.Format);
            Assert.NotNull(reader.DeclaredFrames);
            // Exactly the flushed seconds, although part of the unflushed half second reached the disk.
            Assert.Equal(flushedSeconds * 8000L, reader.DeclaredFrames);
            Assert.True(new FileInfo(path).Length > 44 + (flushedSeconds * 8000 * 4), "some unflushed audio should be on disk past the header's size");
            var samples = new short[reader.DeclaredFrames.Value * 2];
            Assert.Equal(samples.Length, reader.Read(samples));
            Assert.True(TestSignals.Rms(samples) > 1000, "the recording holds the tones");
        }

        ExternalTool.Run("sox", "sox", path, dir.File("replayed.wav"));
    }
}
