using System.Diagnostics;
using System.Globalization;
using CallCenterSdk.Acd.Staffing;

namespace CallCenterSdk.Acd.Tests.Lab;

/// <summary>
/// The AcdLab entry point as other checks use it: <c>dotnet CallCenterSdk.AcdLab.dll erlang|simulate ...</c>
/// printing one <c>name: value</c> per line. The test project references AcdLab, so its build sits beside
/// the tests.
/// </summary>
public sealed class AcdLabEntryPointTests
{
    private const string Traffic = "--calls 100 --interval-s 1800 --aht-s 180 --target-s 20";
    private static readonly TrafficLoad Load = new(100, 1800, 180);

    private static (int ExitCode, string Output, string Error) Run(string arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CallCenterSdk.AcdLab.dll");
        Assert.True(File.Exists(dll), dll + " was not built beside the tests");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("acdlab " + arguments + " did not finish in 2 minutes");
        }

        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Parses the <c>name: value</c> lines, in order; any other line fails the test.</summary>
    private static List<(string Name, double Value)> Parse(string output)
    {
        var lines = new List<(string, double)>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            Assert.True(colon > 0, "not a 'name: value' line: " + line);
            string text = line[(colon + 2)..];
            double value = text == "inf" ? double.PositiveInfinity : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            lines.Add((line[..colon], value));
        }

        return lines;
    }

    private static Dictionary<string, double> Figures(string arguments, params string[] names)
    {
        var (code, output, error) = Run(arguments);
        Assert.True(code == 0, "exit " + code + ": " + error);
        var lines = Parse(output);
        Assert.Equal(names, lines.Select(l => l.Name));
        return lines.ToDictionary(l => l.Name, l => l.Value);
    }

    [Fact]
    public void Erlang_solves_for_agents_and_prints_the_erlang_c_figures()
    {
        var f = Figures("erlang " + Traffic + " --sl 0.8 --max-occupancy 0.85 --shrinkage 0.3",
            "traffic_erlangs", "agents", "agents_after_shrinkage", "service_level", "asa_s", "p_wait", "occupancy");
        var c = ErlangC.Compute(14, Load, 20);
        Assert.Equal(10, f["traffic_erlangs"]);
        Assert.Equal(14, f["agents"]);
        Assert.Equal(20, f["agents_after_shrinkage"]);
        Assert.Equal(c.ServiceLevel, f["service_level"], 6);
        Assert.Equal(c.AverageSpeedOfAnswerSeconds, f["asa_s"], 6);
        Assert.Equal(c.ProbabilityOfWait, f["p_wait"], 6);
        Assert.Equal(c.Occupancy, f["occupancy"], 6);
    }

    [Fact]
    public void Erlang_with_patience_prints_the_erlang_a_figures()
    {
        var f = Figures("erlang " + Traffic + " --agents 11 --patience-s 120",
            "traffic_erlangs", "agents", "agents_after_shrinkage", "service_level", "asa_s", "p_wait", "occupancy", "p_abandon", "avg_wait_s");
        var a = ErlangA.Compute(11, Load, 120, 20);
        Assert.Equal(11, f["agents"]);
        Assert.Equal(a.ServiceLevel, f["service_level"], 6);
        Assert.Equal(a.ProbabilityOfAbandon, f["p_abandon"], 6);
        Assert.Equal(a.Occupancy, f["occupancy"], 6);
    }

    [Fact]
    public void Simulate_prints_the_simulated_figures_repeatably_and_close_to_erlang_a()
    {
        string[] names = ["agents", "service_level", "asa_s", "p_wait", "occupancy", "p_abandon", "offered", "answered", "abandoned", "aht_s", "max_wait_s", "ewt_mean_error_s", "ewt_mean_abs_error_s"];
        string args = "simulate " + Traffic + " --agents 11 --patience-s 120 --hours 200 --seed 3";
        var f = Figures(args, names);
        Assert.Equal(f, Figures(args, names));
        Assert.NotEqual(f["offered"], Figures(args.Replace("--seed 3", "--seed 4", StringComparison.Ordinal), names)["offered"]);

        // 200 h (about 40,000 contacts): the service level's standard error is about 0.8 points, so 4 points is 5 of them.
        var a = ErlangA.Compute(11, Load, 120, 20);
        Assert.Equal(11, f["agents"]);
        Assert.InRange(f["service_level"], a.ServiceLevel - 0.04, a.ServiceLevel + 0.04);
        Assert.InRange(f["p_abandon"], a.ProbabilityOfAbandon - 0.02, a.ProbabilityOfAbandon + 0.02);
        Assert.InRange(f["occupancy"], a.Occupancy - 0.02, a.Occupancy + 0.02);
        Assert.InRange(f["offered"], 39_800 - 800, 39_800 + 800); // 200 calls an hour over 199 h (200 h less the warm-up), 4 sd
        Assert.InRange(f["answered"] + f["abandoned"], f["offered"] - 30, f["offered"] + 30); // carried over the warm-up and the end
        Assert.InRange(f["aht_s"], 170, 190);
    }

    [Fact]
    public void Simulate_solves_for_agents_with_erlang_a_when_only_a_target_is_given()
    {
        var f = Figures("simulate " + Traffic + " --sl 0.8 --patience-s 120 --hours 8 --seed 1",
            "agents", "service_level", "asa_s", "p_wait", "occupancy", "p_abandon", "offered", "answered", "abandoned", "aht_s", "max_wait_s", "ewt_mean_error_s", "ewt_mean_abs_error_s");
        Assert.Equal(12, f["agents"]); // Erlang C needs 13 for 80/20; abandonment makes 12 enough
        Assert.True(ErlangA.Compute(12, Load, 120, 20).ServiceLevel >= 0.8);
        Assert.True(ErlangA.Compute(11, Load, 120, 20).ServiceLevel < 0.8);
    }

    [Fact]
    public void Missing_staffing_is_refused_with_exit_code_2_and_no_figures()
    {
        var (code, output, error) = Run("erlang " + Traffic);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("acdlab: Give --agents K or --sl", error, StringComparison.Ordinal);
    }
}
