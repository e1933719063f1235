using CallCenterSdk.Acd.Simulation;
using CallCenterSdk.Acd.Staffing;

namespace CallCenterSdk.Acd.Tests.Simulation;

public sealed class SimulatorTests
{
    private static SimulationOptions MMc(int agents, double hours, int seed, double? patience = null) => new()
    {
        Arrivals = ArrivalProfile.Flat(100, TimeSpan.FromMinutes(30)),
        Duration = TimeSpan.FromHours(hours),
        WarmUp = TimeSpan.FromHours(1),
        HandleTime = Distribution.Exponential(180),
        Patience = patience is { } p ? Distribution.Exponential(p) : null,
        Agents = agents,
        Seed = seed,
        StatisticsInterval = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(13, 11)]
    [InlineData(15, 12)]
    public void Without_abandonment_the_service_level_matches_erlang_c_within_one_point(int agents, int seed)
    {
        var result = new CallCenterSimulator(MMc(agents, 400, seed)).Run();
        var erlang = ErlangC.Compute(agents, new TrafficLoad(100, 1800, 180), 20);
        Assert.InRange(result.ServiceLevel, erlang.ServiceLevel - 0.01, erlang.ServiceLevel + 0.01);
        Assert.InRange(result.ProbabilityOfWait, erlang.ProbabilityOfWait - 0.02, erlang.ProbabilityOfWait + 0.02);
        Assert.InRange(result.Occupancy, erlang.Occupancy - 0.02, erlang.Occupancy + 0.02);
        Assert.Equal(0, result.Totals.Abandoned);
    }

    [Theory]
    [InlineData(10, 90.0, 21)]
    [InlineData(11, 120.0, 22)]
    public void With_exponential_patience_the_service_level_matches_erlang_a_within_two_points(int agents, double patience, int seed)
    {
        var result = new CallCenterSimulator(MMc(agents, 300, seed, patience)).Run();
        var erlang = ErlangA.Compute(agents, new TrafficLoad(100, 1800, 180), patience, 20);
        Assert.InRange(result.ServiceLevel, erlang.ServiceLevel - 0.02, erlang.ServiceLevel + 0.02);
        Assert.InRange(result.AbandonProbability, erlang.ProbabilityOfAbandon - 0.02, erlang.ProbabilityOfAbandon + 0.02);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        var a = new CallCenterSimulator(MMc(12, 20, 5)).Run();
        var b = new CallCenterSimulator(MMc(12, 20, 5)).Run();
        var c = new CallCenterSimulator(MMc(12, 20, 6)).Run();
        Assert.Equal(a.Totals, b.Totals);
        Assert.NotEqual(a.Totals, c.Totals);
    }

    [Fact]
    public void Every_strategy_runs_with_skills_and_shifts_and_reports_every_statistic()
    {
        foreach (var strategy in Enum.GetValues<RoutingStrategyKind>())
        {
            var result = new CallCenterSimulator(new SimulationOptions
            {
                Arrivals = ArrivalProfile.WorkingDay(1500, 8),
                Duration = TimeSpan.FromHours(8),
                Shifts = [new AgentShift(14, TimeSpan.Zero, TimeSpan.FromHours(8)), new AgentShift(6, TimeSpan.FromHours(2), TimeSpan.FromHours(6))],
                HandleTime = Distribution.LogNormal(200, 0.7),
                Patience = Distribution.Exponential(120),
                WrapUp = TimeSpan.FromSeconds(15),
                AnswerDelay = TimeSpan.FromSeconds(3),
                Skills = 3,
                Strategy = strategy,
                Seed = 3,
            }).Run();
            var t = result.Totals;
            Assert.True(t.Answered > 1000, strategy + " answered " + t.Answered);
            Assert.Equal(t.Answered, t.AnsweredWithinThreshold + (t.Answered - t.AnsweredWithinThreshold));
            Assert.InRange(t.AverageHandleTime!.Value.TotalSeconds, 180, 250);
            Assert.InRange(result.Occupancy, 0.3, 1.0);
            Assert.True(result.WaitEstimateSamples > 0);
            Assert.Equal(16, result.Intervals.Count);
        }
    }

    [Fact]
    public void The_wait_estimator_error_is_measured()
    {
        var result = new CallCenterSimulator(MMc(12, 50, 9)).Run();
        Assert.True(result.WaitEstimateSamples > 1000);
        // Position x AHT / N is the mean time for the queue ahead to clear: within a minute on average here.
        Assert.InRange(result.WaitEstimateMeanAbsoluteErrorSeconds, 1, 60);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallCenterSimulator(MMc(10, 1, 1) with { WarmUp = TimeSpan.FromHours(2) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallCenterSimulator(MMc(10, 5, 1) with { Arrivals = new ArrivalProfile { CallsPerInterval = [-1] } }));
    }
}
