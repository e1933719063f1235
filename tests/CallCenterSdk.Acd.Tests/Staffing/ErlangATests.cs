using CallCenterSdk.Acd.Staffing;

namespace CallCenterSdk.Acd.Tests.Staffing;

public sealed class ErlangATests
{
    private static readonly TrafficLoad Load = new(100, 1800, 180);

    [Theory]
    [InlineData(11)]
    [InlineData(14)]
    [InlineData(30)]
    public void Infinite_patience_reduces_to_erlang_c(int agents)
    {
        var c = ErlangC.Compute(agents, Load, 20);
        var a = ErlangA.Compute(agents, Load, double.PositiveInfinity, 20);
        Assert.Equal(c.ProbabilityOfWait, a.ProbabilityOfWait, 9);
        Assert.Equal(c.ServiceLevel, a.ServiceLevel, 6);
        Assert.Equal(c.AverageSpeedOfAnswerSeconds, a.AverageSpeedOfAnswerSeconds, 6);
        Assert.Equal(0.0, a.ProbabilityOfAbandon);
    }

    [Theory]
    [InlineData(8, 60)]
    [InlineData(11, 120)]
    [InlineData(14, 300)]
    public void Abandon_probability_equals_mean_wait_over_mean_patience(int agents, double patience)
    {
        // Two independent computations: P(ab) from the position recursion, E[W] from Little's law.
        var a = ErlangA.Compute(agents, Load, patience, 20);
        Assert.Equal(a.AverageWaitSeconds / patience, a.ProbabilityOfAbandon, 6);
    }

    [Fact]
    public void Abandonment_keeps_an_understaffed_queue_stable()
    {
        // 8 agents for 10 Erlangs: Erlang C is unstable, Erlang A is not.
        var a = ErlangA.Compute(8, Load, 60, 20);
        Assert.InRange(a.ProbabilityOfAbandon, 0.1, 0.5);
        Assert.InRange(a.Occupancy, 0.8, 1.0);
        Assert.True(a.ServiceLevel is > 0 and < 1);
    }

    [Fact]
    public void Shorter_patience_means_more_abandons_and_a_shorter_answer_wait()
    {
        var patient = ErlangA.Compute(11, Load, 600, 20);
        var impatient = ErlangA.Compute(11, Load, 60, 20);
        Assert.True(impatient.ProbabilityOfAbandon > patient.ProbabilityOfAbandon);
        Assert.True(impatient.AverageSpeedOfAnswerSeconds < patient.AverageSpeedOfAnswerSeconds);
    }

    [Fact]
    public void Large_centres_compute_without_overflow()
    {
        var a = ErlangA.Compute(1050, new TrafficLoad(20_000, 3600, 180), 120, 20);
        Assert.True(double.IsFinite(a.ServiceLevel) && a.ServiceLevel is > 0.5 and <= 1);
        Assert.True(a.ProbabilityOfAbandon is >= 0 and < 0.05);
    }

    [Fact]
    public void Non_positive_patience_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangA.Compute(10, Load, 0, 20));
    }
}
