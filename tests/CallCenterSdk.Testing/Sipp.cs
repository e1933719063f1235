using System.Globalization;
using System.Text.RegularExpressions;

namespace CallCenterSdk.Testing;

/// <summary>The final statistics of a sipp run, read from its closing screen.</summary>
public sealed record SippResult(int ExitCode, long SuccessfulCalls, long FailedCalls, long OutgoingCalls, string Screen, string Errors)
{
    /// <summary>A readable summary for assertion messages.</summary>
    public override string ToString() =>
        $"sipp exit {ExitCode}: {SuccessfulCalls} successful, {FailedCalls} failed of {OutgoingCalls}\n{PeerProcess.Tail(Screen)}\n{PeerProcess.Tail(Errors)}";
}

/// <summary>Runs SIPp (Debian package sip-tester), the reference SIP load and conformance tool.</summary>
public static partial class Sipp
{
    /// <summary>The sipp executable; throws a clear error when sip-tester is not installed.</summary>
    public static string Executable => NativeTool.Require("sipp", "sip-tester");

    /// <summary>Starts sipp with <paramref name="arguments"/> (always adds -nostdin).</summary>
    public static PeerProcess Start(IEnumerable<string> arguments, string? workingDirectory = null) =>
        PeerProcess.Start(Executable, [.. arguments, "-nostdin"], workingDirectory);

    /// <summary>Runs sipp to completion (bounded by <paramref name="timeout"/>) and parses its statistics.</summary>
    public static async Task<SippResult> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        await using var process = Start(arguments, workingDirectory);
        var exitCode = await process.WaitForExitAsync(timeout).ConfigureAwait(false);
        return Parse(exitCode, process.StandardOutput, process.StandardError);
    }

    /// <summary>Reads the cumulative column of sipp's final screen.</summary>
    public static SippResult Parse(int exitCode, string screen, string errors) =>
        new(exitCode, Cumulative(screen, "Successful call"), Cumulative(screen, "Failed call"), Cumulative(screen, "Outgoing calls created"), screen, errors);

    private static long Cumulative(string screen, string label)
    {
        // Lines look like "  Successful call        |        0                  |       20   "; the last is final.
        long value = 0;
        foreach (Match m in StatLine().Matches(screen))
        {
            if (m.Groups["label"].Value.Trim().Equals(label, StringComparison.Ordinal))
            {
                value = long.Parse(m.Groups["cumulative"].Value, CultureInfo.InvariantCulture);
            }
        }

        return value;
    }

    [GeneratedRegex(@"^\s*(?<label>[A-Za-z][A-Za-z ]+?)\s*\|\s*(?<periodic>\d+)\s*\|\s*(?<cumulative>\d+)", RegexOptions.Multiline)]
    private static partial Regex StatLine();
}
