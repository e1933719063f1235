using System.Globalization;
using CallCenterSdk.Acd.Staffing;

namespace CallCenterSdk.Acd.Tests.Staffing;

public sealed class ErlangCTests
{
    public static TheoryData<string> CorpusRows()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Staffing", "erlang_c_examples.tsv")).Skip(1))
        {
            if (line.Length > 0)
            {
                data.Add(line);
            }
        }

        return data;
    }

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(CorpusRows))]
    public void Corpus_examples_are_reproduced_to_every_published_digit(string row)
    {
        var f = row.Split('\t');
        var load = new TrafficLoad(Num(f[3]), Num(f[4]) * 60, Num(f[5]));
        Assert.Equal(Num(f[6]), load.Erlangs, 12);
        var r = ErlangC.Compute(int.Parse(f[7], CultureInfo.InvariantCulture), load, Num(f[8]));
        // computed_* columns carry 6 decimals (ASA 3): equal after rounding to the same digits.
        Assert.Equal(Num(f[17]), Math.Round(r.ProbabilityOfWait, 6));
        Assert.Equal(Num(f[18]), Math.Round(r.ServiceLevel, 6));
        Assert.Equal(Num(f[19]), Math.Round(r.AverageSpeedOfAnswerSeconds, 3));
        Assert.Equal(Num(f[20]), Math.Round(r.Occupancy, 6));
        if (f[11].Length > 0)
        {
            // Published full-precision figures (pyworkforce): equal to 1e-12.
            Assert.Equal(Num(f[11]), r.ProbabilityOfWait, 12);
            Assert.Equal(Num(f[12]), r.ServiceLevel, 12);
            Assert.Equal(Num(f[13]), r.Occupancy, 12);
            var staffing = ErlangC.AgentsNeeded(load, new StaffingTarget(0.8, Num(f[8]), Num(f[10]), Num(f[9])));
            Assert.Equal(int.Parse(f[15], CultureInfo.InvariantCulture), staffing.RawAgents);
            Assert.Equal(int.Parse(f[16], CultureInfo.InvariantCulture), staffing.AgentsAfterShrinkage);
        }
    }

    [Fact]
    public void Shrinkage_of_thirty_percent_turns_14_into_20_despite_floating_point()
    {
        Assert.Equal(20, Shrinkage.ScheduledAgents(14, 0.3));
        Assert.Equal(15, Shrinkage.ScheduledAgents(12, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shrinkage.ScheduledAgents(10, 1.0));
    }

    [Fact]
    public void Thousands_of_agents_stay_finite_and_consistent()
    {
        // 4,000 Erlangs: A^N / N! would overflow a double many times over.
        var load = new TrafficLoad(80_000, 3600, 180);
        var staffing = ErlangC.AgentsNeeded(load, new StaffingTarget(0.8, 20));
        var r = staffing.Figures;
        Assert.InRange(staffing.RawAgents, 4001, 4200);
        Assert.True(double.IsFinite(r.ProbabilityOfWait) && r.ProbabilityOfWait is > 0 and < 1);
        Assert.True(r.ServiceLevel >= 0.8);
        var fewer = ErlangC.Compute(staffing.RawAgents - 1, load, 20);
        Assert.True(fewer.ServiceLevel < 0.8);
    }

    [Fact]
    public void An_overloaded_queue_waits_always_and_forever()
    {
        var r = ErlangC.Compute(10, new TrafficLoad(100, 1800, 180), 20);
        Assert.Equal(1.0, r.ProbabilityOfWait);
        Assert.Equal(0.0, r.ServiceLevel);
        Assert.True(double.IsPositiveInfinity(r.AverageSpeedOfAnswerSeconds));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_parameter_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Compute(10, new TrafficLoad(-1, 1800, 180), 20));
        Assert.Equal("Calls", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Compute(0, new TrafficLoad(100, 1800, 180), 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(new TrafficLoad(100, 1800, 180), new StaffingTarget(1.5, 20)));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Service_level_grows_and_wait_falls_with_every_added_agent(FsCheck.PositiveInt calls, FsCheck.PositiveInt extra)
    {
        var load = new TrafficLoad((calls.Get % 2000) + 1, 1800, 180);
        int n = (int)Math.Floor(load.Erlangs) + 1 + (extra.Get % 50);
        var a = ErlangC.Compute(n, load, 20);
        var b = ErlangC.Compute(n + 1, load, 20);
        return b.ServiceLevel >= a.ServiceLevel && b.ProbabilityOfWait <= a.ProbabilityOfWait && b.AverageSpeedOfAnswerSeconds <= a.AverageSpeedOfAnswerSeconds;
    }
}
