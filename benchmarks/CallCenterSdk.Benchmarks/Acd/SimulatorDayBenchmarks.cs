using BenchmarkDotNet.Attributes;
using CallCenterSdk.Acd.Simulation;

namespace CallCenterSdk.Benchmarks.Acd;

/// <summary>A 500-agent, 10-hour day of about 100,000 contacts through the real engine (target: under 5 s).</summary>
[MemoryDiagnoser]
public class SimulatorDayBenchmarks
{
    [Benchmark]
    public long Day500Agents()
    {
        var result = new CallCenterSimulator(new SimulationOptions
        {
            Arrivals = ArrivalProfile.Flat(5000, TimeSpan.FromMinutes(30)),
            Duration = TimeSpan.FromHours(10),
            HandleTime = Distribution.Exponential(160),
            Patience = Distribution.Exponential(180),
            Agents = 500,
            Seed = 1,
        }).Run();
        return result.Arrivals;
    }
}
