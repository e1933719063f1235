namespace CallCenterSdk.Acd.Staffing;

/// <summary>
/// Erlang A (Palm's M/M/N+M model: Poisson arrivals, exponential service and exponential patience).
/// The stationary law of the number in system is built relative to the all-busy state (so no A^N or
/// N! is formed), the served/abandoned split and the answered wait come from a first-step recursion
/// on the queue position, and the service level from uniformization of the position chain over the
/// target time.
/// </summary>
public static class ErlangA
{
    private const double Tail = 1e-15;
    private const int MaxQueueTerms = 2_000_000;

    /// <summary>All Erlang A figures.</summary>
    /// <param name="agents">Agents on the phones.</param>
    /// <param name="load">The offered traffic.</param>
    /// <param name="averagePatienceSeconds">Mean of the exponential patience (1 / theta); infinity gives Erlang C.</param>
    /// <param name="targetAnswerSeconds">Service-level threshold T.</param>
    public static ErlangAResult Compute(int agents, TrafficLoad load, double averagePatienceSeconds, double targetAnswerSeconds)
    {
        load.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(targetAnswerSeconds);
        if (!(averagePatienceSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(averagePatienceSeconds), averagePatienceSeconds, "The mean patience must be positive (use infinity for no abandonment).");
        }

        double lambda = load.ArrivalRatePerSecond;
        double mu = 1.0 / load.AverageHandleTimeSeconds;
        double theta = double.IsPositiveInfinity(averagePatienceSeconds) ? 0.0 : 1.0 / averagePatienceSeconds;
        double a = lambda / mu;
        double nmu = agents * mu;
        if (theta == 0 && a >= agents)
        {
            return new ErlangAResult(agents, a, 1.0, 0.0, 0.0, double.PositiveInfinity, double.PositiveInfinity, 1.0);
        }

        // t[j] = prod_{i=1..j} lambda / (N mu + i theta): pi(N + j) / pi(N).
        var t = new List<double> { 1.0 };
        double q = 0, eq = 0;
        for (int j = 1; j < MaxQueueTerms; j++)
        {
            double next = t[j - 1] * lambda / (nmu + (j * theta));
            t.Add(next);
            q += next;
            eq += j * next;
            if (next < Tail * (1 + q) && lambda < nmu + (j * theta))
            {
                break;
            }
        }

        double b = ErlangC.ErlangB(agents, a);
        // pi(N) = 1 / (1/B + Q), written to survive B underflowing to zero.
        double piN = b / (1 + (b * q));
        double pBelow = 1 - (b / (1 + (b * q)) * (1 + q)); // arrivals that find a free agent
        double pWait = 1 - pBelow;

        // Position j (j - 1 contacts ahead) moves up at r_j = N mu + (j - 1) theta and abandons at theta.
        int k = t.Count - 1; // positions 1..k carry weight pi(N + j - 1) = piN t[j - 1]
        double served = pBelow, waitServed = 0;
        double s = 1.0, m = 0.0;
        for (int j = 1; j <= k; j++)
        {
            double r = nmu + ((j - 1) * theta);
            double total = r + theta;
            m = r / total * ((s / total) + m);
            s = r / total * s;
            double w = piN * t[j - 1];
            served += w * s;
            waitServed += w * m;
        }

        double pAbandon = theta == 0 ? 0.0 : Math.Clamp(1 - served, 0, 1);
        double asa = served > 0 ? waitServed / served : 0;
        double avgWait = piN * eq / lambda; // Little's law on the queue
        double sl = pBelow + ServedWithin(t, piN, k, nmu, theta, targetAnswerSeconds);
        return new ErlangAResult(agents, a, pWait, pAbandon, Math.Clamp(sl, 0, 1), asa, avgWait, a * (1 - pAbandon) / agents);
    }

    /// <summary>Probability mass of waiting arrivals that reach an agent within <paramref name="target"/> seconds.</summary>
    private static double ServedWithin(List<double> t, double piN, int k, double nmu, double theta, double target)
    {
        if (target <= 0 || piN == 0)
        {
            return 0;
        }

        var v = new double[k + 1];
        for (int j = 1; j <= k; j++)
        {
            v[j] = piN * t[j - 1];
        }

        double lambdaU = nmu + (k * theta); // uniformization rate >= every exit rate
        int chunks = Math.Max(1, (int)Math.Ceiling(lambdaU * target / 30.0)); // keep exp(-Lambda dt) representable
        double dt = target / chunks;
        double servedTotal = 0;
        var acc = new double[k + 1];
        var step = new double[k + 1];
        for (int c = 0; c < chunks; c++)
        {
            double mean = lambdaU * dt;
            double weight = Math.Exp(-mean);
            double cumulative = weight;
            Array.Copy(v, acc, v.Length);
            for (int j = 0; j <= k; j++)
            {
                acc[j] *= weight;
            }

            double servedChunk = 0, servedSoFar = 0;
            for (int n = 1; cumulative < 1 - 1e-14 && n < 100_000; n++)
            {
                // One DTMC step of the uniformized chain.
                step[0] = 0;
                double servedStep = 0;
                for (int j = 1; j <= k; j++)
                {
                    double r = nmu + ((j - 1) * theta);
                    double moveUp = v[j] * r / lambdaU;
                    if (j == 1)
                    {
                        servedStep = moveUp;
                    }
                    else
                    {
                        step[j - 1] += moveUp;
                    }

                    step[j] = v[j] * (1 - ((r + theta) / lambdaU));
                }

                (v, step) = (step, v);
                Array.Clear(step);
                servedSoFar += servedStep;
                weight *= mean / n;
                cumulative += weight;
                for (int j = 0; j <= k; j++)
                {
                    acc[j] += weight * v[j];
                }

                servedChunk += weight * servedSoFar;
            }

            // Served mass by the end of the chunk: E over the Poisson count of the mass served after that many steps.
            servedTotal += servedChunk;
            (v, acc) = (acc, v);
        }

        return servedTotal;
    }
}
