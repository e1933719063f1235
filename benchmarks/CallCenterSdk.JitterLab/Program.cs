using System.Globalization;
using System.Text;
using CallCenterSdk.Media.NetworkEmulation;
using CallCenterSdk.Media.Quality;

namespace CallCenterSdk.JitterLab;

/// <summary>
/// Scores the jitter buffer on every named network scenario (or one trace file) against a static 60 ms buffer
/// and the hindsight oracle, and prints a Markdown table.
/// <c>dotnet run -c Release --project benchmarks/CallCenterSdk.JitterLab [-- --trace FILE] [--plot DIR] [--seed N] [--codec NAME]</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string? trace = null, plot = null;
        int seed = 42;
        string? codecName = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--trace": trace = Value(); break;
                case "--plot": plot = Value(); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--codec": codecName = Value(); break;
                case "--help" or "-h":
                    Console.WriteLine("usage: JitterLab [--trace FILE] [--plot DIR] [--seed N] [--codec G.711+PLC|G.711|G.729A|Opus]");
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}' (try --help)");
                    return 2;
            }
        }

        var results = new List<ScenarioResult>();
        try
        {
            if (trace is not null)
            {
                var loaded = TraceFile.Load(trace);
                results.Add(ScenarioResult.Score(Path.GetFileName(trace), loaded, CodecImpairment.ByName(codecName ?? "G.711+PLC")));
            }
            else
            {
                foreach (var scenario in NetworkScenarios.All)
                {
                    var codec = CodecImpairment.ByName(codecName ?? scenario.Codec);
                    results.Add(ScenarioResult.Score(scenario.Name, NetworkEmulator.Run(scenario, seed), codec));
                }
            }
        }
        catch (Exception e) when (e is TraceFormatException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }

        Console.Write(FormatTable(results));
        if (plot is not null)
        {
            Directory.CreateDirectory(plot);
            foreach (var r in results)
            {
                string file = Path.Combine(plot, Slug(r.Name) + ".svg");
                File.WriteAllText(file, SvgDelayPlot.Render(r));
                Console.Error.WriteLine($"wrote {file}");
            }
        }

        return 0;
    }

    internal static string FormatTable(IEnumerable<ScenarioResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| scenario | ours MOS | static60 MOS | oracle MOS | ours late loss % | ours mean delay ms | oracle delay ms |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(c, $"| {r.Name} | {r.Ours.Rating.Mos:0.00} | {r.Static60.Rating.Mos:0.00} | {r.Oracle.Rating.Mos:0.00} | {r.Ours.LateLossPercent:0.00} | {r.Ours.MeanDelayMs:0.0} | {r.Oracle.MeanDelayMs:0.0} |");
        }

        return text.ToString();
    }

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (char ch in name.ToLowerInvariant())
        {
            // "+200" and "-200" must not collide.
            slug.Append(ch switch
            {
                '+' => "plus",
                '%' => "pct",
                _ when char.IsAsciiLetterOrDigit(ch) => ch.ToString(),
                _ => "-",
            });
        }

        return string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
