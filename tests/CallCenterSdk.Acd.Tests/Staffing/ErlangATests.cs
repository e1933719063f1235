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

    /// <summary>
    /// Erlang A computed a second, independent way from Palm's M/M/N+M birth-death chain: the stationary law
    /// summed directly (no Erlang B recursion), P(abandon) = theta E[queue] / lambda and E[wait] = E[queue] /
    /// lambda (rate conservation, Little), and the service level from the tagged caller's backward equations
    /// u_j' = r_j u_(j-1) - (r_j + theta) u_j, r_j = N mu + (j - 1) theta, integrated with Runge-Kutta (no
    /// uniformization, no first-step recursion): u_j(T) is the chance that a caller who finds j - 1 ahead is
    /// served within T.
    /// </summary>
    private static (double PWait, double PAbandon, double AvgWait, double ServiceLevel) BirthDeathReference(int agents, double patience, double target)
    {
        double lambda = Load.ArrivalRatePerSecond, mu = 1 / Load.AverageHandleTimeSeconds, theta = 1 / patience;
        const int Queue = 600; // queue lengths beyond this have probability far below 1e-15 here
        var p = new double[agents + Queue + 1];
        p[0] = 1;
        for (int k = 1; k < p.Length; k++)
        {
            p[k] = p[k - 1] * lambda / (k <= agents ? k * mu : (agents * mu) + ((k - agents) * theta));
        }

        double total = p.Sum();
        double pWait = 0, queue = 0;
        for (int k = agents; k < p.Length; k++)
        {
            pWait += p[k] / total;
            queue += (k - agents) * p[k] / total;
        }

        // u[j] for j = 0..Queue+1, u[0] = 1 (served); RK4 over [0, T].
        int positions = Queue + 1;
        var u = new double[positions + 1];
        u[0] = 1;
        double Rate(int j) => (agents * mu) + ((j - 1) * theta);
        void Derivative(double[] x, double[] dx)
        {
            dx[0] = 0;
            for (int j = 1; j <= positions; j++)
            {
                dx[j] = (Rate(j) * x[j - 1]) - ((Rate(j) + theta) * x[j]);
            }
        }

        const int Steps = 20_000;
        double h = target / Steps;
        var k1 = new double[u.Length];
        var k2 = new double[u.Length];
        var k3 = new double[u.Length];
        var k4 = new double[u.Length];
        var tmp = new double[u.Length];
        for (int step = 0; step < Steps; step++)
        {
            Derivative(u, k1);
            for (int j = 0; j < u.Length; j++)
            {
                tmp[j] = u[j] + (h / 2 * k1[j]);
            }

            Derivative(tmp, k2);
            for (int j = 0; j < u.Length; j++)
            {
                tmp[j] = u[j] + (h / 2 * k2[j]);
            }

            Derivative(tmp, k3);
            for (int j = 0; j < u.Length; j++)
            {
                tmp[j] = u[j] + (h * k3[j]);
            }

            Derivative(tmp, k4);
            for (int j = 0; j < u.Length; j++)
            {
                u[j] += h / 6 * (k1[j] + (2 * k2[j]) + (2 * k3[j]) + k4[j]);
            }
        }

        double sl = 1 - pWait;
        for (int k = agents; k < p.Length && k - agents + 1 <= positions; k++)
        {
            sl += p[k] / total * u[k - agents + 1];
        }

        return (pWait, theta * queue / lambda, queue / lambda, sl);
    }

    [Theory]
    [InlineData(8, 60)]
    [InlineData(10, 90)]
    [InlineData(11, 120)]
    [InlineData(14, 300)]
    public void Erlang_a_matches_an_independent_birth_death_computation(int agents, double patience)
    {
        var a = ErlangA.Compute(agents, Load, patience, 20);
        var reference = BirthDeathReference(agents, patience, 20);
        Assert.Equal(reference.PWait, a.ProbabilityOfWait, 9);
        Assert.Equal(reference.PAbandon, a.ProbabilityOfAbandon, 9);
        Assert.Equal(reference.AvgWait, a.AverageWaitSeconds, 6);
        Assert.Equal(reference.ServiceLevel, a.ServiceLevel, 7);
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
