using System.Diagnostics;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>Runs a native command-line tool; fails the test with the package to install when it is absent.</summary>
internal static class ExternalTool
{
    public static string Run(string tool, string debianPackage, params string[] arguments)
    {
        string? path = Find(tool);
        if (path is null)
        {
            Assert.Fail($"'{tool}' is not installed: this test needs it. Install the Debian package '{debianPackage}' (apt-get install {debianPackage}).");
        }

        var start = new ProcessStartInfo(path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{tool} {string.Join(' ', arguments)}' did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"'{tool} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    private static string? Find(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
