using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace CallCenterSdk.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/CallCenterSdk.Benchmarks -- --filter '*Sip*'</c>.
/// Every BenchmarkDotNet argument works; <c>--smoke</c> runs each benchmark once (a dry job) to prove it runs.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by the arguments.</summary>
    public static int Main(string[] args)
    {
        IConfig? config = null;
        if (args.Contains("--smoke"))
        {
            args = [.. args.Where(a => a != "--smoke")];
            config = DefaultConfig.Instance.AddJob(Job.Dry.WithId("smoke"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
