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

    /// <summary>
    /// Batch-means standard error of the service level: the run cut into its statistics intervals (about 40
    /// batches of 15 h or more, far longer than the queue's memory), the partial first and last left out.
    /// </summary>
    private static double BatchStandardError(SimulationResult result)
    {
        var batches = result.Intervals.Skip(1).SkipLast(1)
            .Select(i => i.Figures.ServiceLevel(result.Variant) ?? 0)
            .ToArray();
        double mean = batches.Average();
        double variance = batches.Sum(x => (x - mean) * (x - mean)) / (batches.Length - 1);
        return Math.Sqrt(variance / batches.Length);
    }

    private static SimulationOptions Batched(SimulationOptions options) =>
        options with { StatisticsInterval = options.Duration / 40 };

    /// <summary>
    /// M/M/N at 10 Erlangs from 83% to 67% occupancy. The service level's run-to-run spread shrinks as
    /// 1 / sqrt(hours) and grows with occupancy (about 1.1 points over 400 h at 12 agents, 0.5 at 14), so each
    /// run is long enough for its own batch-means standard error to stay under 0.4 points: one point is then
    /// at least 2.5 standard errors, and a simulator off by a point would fail.
    /// </summary>
    [Theory]
    [InlineData(12, 4000, 11)]
    [InlineData(13, 3000, 12)]
    [InlineData(14, 1200, 13)]
    [InlineData(15, 600, 14)]
    public void Without_abandonment_the_service_level_matches_erlang_c_within_one_point(int agents, int hours, int seed)
    {
        var result = new CallCenterSimulator(Batched(MMc(agents, hours, seed))).Run();
        var erlang = ErlangC.Compute(agents, new TrafficLoad(100, 1800, 180), 20);
        Assert.True(BatchStandardError(result) <= 0.004, "standard error " + BatchStandardError(result) + ": run too short to resolve one point");
        Assert.InRange(result.ServiceLevel, erlang.ServiceLevel - 0.01, erlang.ServiceLevel + 0.01);
        Assert.InRange(result.ProbabilityOfWait, erlang.ProbabilityOfWait - 0.02, erlang.ProbabilityOfWait + 0.02);
        Assert.InRange(result.Occupancy, erlang.Occupancy - 0.02, erlang.Occupancy + 0.02);
        Assert.Equal(0, result.Totals.Abandoned);
    }

    /// <summary>With abandonment the spread is smaller (about 0.6 points over 300 h): two points are over 2.5 standard errors.</summary>
    [Theory]
    [InlineData(10, 90.0, 21)]
    [InlineData(11, 120.0, 22)]
    public void With_exponential_patience_the_service_level_matches_erlang_a_within_two_points(int agents, double patience, int seed)
    {
        var result = new CallCenterSimulator(Batched(MMc(agents, 300, seed, patience))).Run();
        var erlang = ErlangA.Compute(agents, new TrafficLoad(100, 1800, 180), patience, 20);
        Assert.True(BatchStandardError(result) <= 0.008, "standard error " + BatchStandardError(result) + ": run too short to resolve two points");
        Assert.InRange(result.ServiceLevel, erlang.ServiceLevel - 0.02, erlang.ServiceLevel + 0.02);
        Assert.InRange(result.AbandonProbability, erlang.ProbabilityOfAbandon - 0.02, erlang.ProbabilityOfAbandon + 0.02);
    }

    [Fact]
    public void Arrivals_follow_the_intraday_profile()
    {
        // A two-hour profile repeated 200 times: 12,000 / 36,000 / 0 / 24,000 expected per slot (sd 110 / 190 / 0 / 155).
        double[] perSlot = [60, 180, 0, 120];
        var options = new SimulationOptions
        {
            Arrivals = new ArrivalProfile { Interval = TimeSpan.FromMinutes(30), CallsPerInterval = perSlot },
            Duration = TimeSpan.FromHours(400),
            HandleTime = Distribution.Exponential(60),
            Agents = 30,
            Seed = 8,
        };
        var result = new CallCenterSimulator(options).Run();
        var offered = new long[4];
        foreach (var (start, figures) in result.Intervals)
        {
            offered[(int)((start - options.Start) / options.Arrivals.Interval) % 4] += figures.Offered;
        }

        Assert.Equal(0, offered[2]);
        for (int slot = 0; slot < 4; slot++)
        {
            double expected = perSlot[slot] * 200;
            Assert.InRange(offered[slot], expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected)));
        }

        Assert.Equal(result.Arrivals, offered.Sum());
    }

    [Theory]
    [InlineData(0, 52)] // 5 agents x 8 h + 3 agents x 4 h (02:00-06:00)
    [InlineData(3, 34)] // measured from 03:00: 5 x 5 h + 3 x 3 h
    [InlineData(6, 10)] // measured from 06:00: the three have left, 5 x 2 h
    public void Shift_agents_log_in_and_out_on_time(int measureFromHour, int loggedInHours)
    {
        var result = new CallCenterSimulator(new SimulationOptions
        {
            Arrivals = ArrivalProfile.Flat(0, TimeSpan.FromMinutes(30)),
            Duration = TimeSpan.FromHours(8),
            WarmUp = TimeSpan.FromHours(measureFromHour),
            Shifts = [new AgentShift(5, TimeSpan.Zero, TimeSpan.FromHours(8)), new AgentShift(3, TimeSpan.FromHours(2), TimeSpan.FromHours(6))],
        }).Run();
        Assert.Equal(TimeSpan.FromHours(loggedInHours), result.AgentTime.LoggedIn);
        Assert.Equal(TimeSpan.FromHours(loggedInHours), result.AgentTime.Available);
    }

    [Fact]
    public void An_agent_whose_shift_ends_on_a_contact_finishes_it_then_logs_out()
    {
        // Constant 120 s contacts: each of the 3 leaving agents stays at most 120 s past 06:00.
        var result = new CallCenterSimulator(new SimulationOptions
        {
            Arrivals = ArrivalProfile.Flat(100, TimeSpan.FromMinutes(30)),
            Duration = TimeSpan.FromHours(8),
            HandleTime = Distribution.Constant(120),
            Shifts = [new AgentShift(5, TimeSpan.Zero, TimeSpan.FromHours(8)), new AgentShift(3, TimeSpan.FromHours(2), TimeSpan.FromHours(6))],
            Seed = 4,
        }).Run();
        Assert.InRange(result.AgentTime.LoggedIn, TimeSpan.FromHours(52), TimeSpan.FromHours(52) + TimeSpan.FromSeconds(3 * 120));
        Assert.True(result.AgentTime.LoggedIn > TimeSpan.FromHours(52), "nobody was on a contact at 06:00: the test proves nothing");
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
            Assert.InRange(t.AnsweredWithinThreshold, 1, t.Answered - 1); // some within 20 s, some not
            Assert.InRange(t.Answered + t.Abandoned, t.Offered - 20, t.Offered); // no warm-up: only the last few are unfinished
            Assert.True(t.Abandoned > 0, strategy + " had no abandon");
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
