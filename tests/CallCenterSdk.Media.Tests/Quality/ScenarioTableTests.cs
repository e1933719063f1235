using CallCenterSdk.Media.NetworkEmulation;
using CallCenterSdk.Media.Quality;

namespace CallCenterSdk.Media.Tests.Quality;

/// <summary>
/// The targets as assertions on the seeded scenario table (the same runs JitterLab prints).
/// </summary>
public class ScenarioTableTests
{
    public static TheoryData<string> Scenarios() => [.. NetworkScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_meets_the_quality_targets(string name)
    {
        var scenario = NetworkScenarios.All.Single(s => s.Name == name);
        var codec = CodecImpairment.ByName(scenario.Codec);
        var trace = NetworkEmulator.Run(scenario, 42);
        var ours = PlayoutScorer.ScoreJitterBuffer(trace, codec);
        var fixed60 = PlayoutScorer.ScoreStatic(trace, codec, 60);
        var oracle = PlayoutScorer.ScoreOracle(trace, codec);
        string figures = $"ours MOS {ours.Rating.Mos:0.000} (R {ours.Rating.R:0.00}, {ours.MeanDelayMs:0.0} ms, {ours.ConcealmentPercent:0.00} % concealed), static60 {fixed60.Rating.Mos:0.000}, oracle {oracle.Rating.Mos:0.000} ({oracle.MeanDelayMs:0} ms)";

        // Target: MOS within 0.1 of the hindsight oracle.
        Assert.True(oracle.Rating.Mos - ours.Rating.Mos <= 0.1, figures);

        // Target: never below the static 60 ms buffer (no allowance, unrounded).
        Assert.True(ours.Rating.Mos >= fixed60.Rating.Mos, figures);

        // Target: late loss at most 1 % where the oracle loses nothing late.
        if (oracle.LateLossPercent == 0)
        {
            Assert.True(ours.LateLossPercent <= 1, figures);
        }

        // Target: no growth without bound under drift: within 2x the oracle's delay for the whole call.
        if (scenario.ClockDriftPpm != 0)
        {
            Assert.True(ours.MaxDelayMs <= 2 * oracle.MeanDelayMs, $"max delay {ours.MaxDelayMs:0.0} ms; {figures}");
            Assert.True(ours.TimeScaleEvents > 0, "drift must be absorbed by time-scaling");
        }
    }
}
