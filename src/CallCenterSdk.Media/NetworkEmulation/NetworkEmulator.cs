namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>
/// A pure, seeded network emulator: given a scenario and a seed it always produces the same trace. No clock,
/// no sockets; it is the source of the arrival times the jitter buffer is scored against.
/// </summary>
public static class NetworkEmulator
{
    /// <summary>Runs <paramref name="scenario"/> with a seed and returns the packets with their arrival times.</summary>
    /// <exception cref="ArgumentException">The scenario's packet time, clock rate or duration is out of range.</exception>
    public static PacketTrace Run(NetworkScenario scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.PacketTimeMs is < 10 or > 60)
        {
            throw new ArgumentException($"Packet time {scenario.PacketTimeMs} ms is outside 10..60 ms.", nameof(scenario));
        }

        if (scenario.ClockRate <= 0 || scenario.DurationSeconds <= 0 || scenario.SilenceFraction is < 0 or >= 1)
        {
            throw new ArgumentException("Clock rate and duration must be positive and the silence fraction in [0, 1).", nameof(scenario));
        }

        var random = new Random(seed);
        int samplesPerPacket = scenario.ClockRate * scenario.PacketTimeMs / 1000;

        // The sender's clock: nominal packet interval scaled by its drift (a fast clock sends more often).
        double intervalMs = scenario.PacketTimeMs / (1.0 + (scenario.ClockDriftPpm * 1e-6));
        long frames = (long)(scenario.DurationSeconds * 1000.0 / scenario.PacketTimeMs);
        var packets = new List<TracePacket>((int)frames);
        var lossState = default(LossState);
        long sequence = 1000;
        bool talking = true;
        double stateEndsMs = scenario.SilenceFraction > 0 ? Exponential(random, scenario.MeanTalkSpurtSeconds * 1000) : double.PositiveInfinity;
        bool spurtStart = true;
        double lastCnMs = double.NegativeInfinity;
        for (long frame = 0; frame < frames; frame++)
        {
            double send = frame * intervalMs;
            long timestamp = frame * samplesPerPacket;
            while (send >= stateEndsMs)
            {
                talking = !talking;
                double meanMs = talking
                    ? scenario.MeanTalkSpurtSeconds * 1000
                    : scenario.MeanTalkSpurtSeconds * 1000 * scenario.SilenceFraction / (1 - scenario.SilenceFraction);
                stateEndsMs += Math.Max(scenario.PacketTimeMs, Exponential(random, meanMs));
                spurtStart = talking;
                lastCnMs = double.NegativeInfinity;
            }

            bool comfortNoise = false;
            if (!talking)
            {
                // DTX: one SID at the start of the silence, then one every ComfortNoiseIntervalMs (RFC 3389 §4).
                if (send - lastCnMs < scenario.ComfortNoiseIntervalMs)
                {
                    continue;
                }

                lastCnMs = send;
                comfortNoise = true;
            }

            double arrival = send + DelayFor(scenario, random, send);
            if (scenario.ReorderProbability > 0 && scenario.ReorderDepth > 0 && random.NextDouble() < scenario.ReorderProbability)
            {
                // Held back behind 1..depth later packets.
                int behind = 1 + random.Next(scenario.ReorderDepth);
                arrival += (behind * intervalMs) + 0.5;
            }

            bool lost = scenario.Loss is not null && scenario.Loss.NextIsLost(random, ref lossState);
            packets.Add(new TracePacket(sequence++, timestamp, send, lost ? double.NaN : arrival, spurtStart && !comfortNoise, comfortNoise));
            spurtStart = false;
        }

        return new PacketTrace(scenario.ClockRate, scenario.PacketTimeMs, packets);
    }

    private static double DelayFor(NetworkScenario s, Random random, double sendMs)
    {
        double delay = s.BaseDelayMs;
        if (s.RouteChangeAtSeconds >= 0 && sendMs >= s.RouteChangeAtSeconds * 1000)
        {
            delay += s.RouteChangeStepMs;
        }

        if (s.Jitter is not null)
        {
            delay += s.Jitter.SampleMs(random);
        }

        if (s.SpikePeriodSeconds > 0 && s.SpikeHeightMs > 0)
        {
            // A hand-over stalls the link for SpikeHeightMs starting at each period boundary (first after one
            // period); everything sent during the stall leaves together when it ends.
            double periodMs = s.SpikePeriodSeconds * 1000;
            double sinceSpike = sendMs % periodMs;
            if (sendMs >= periodMs && sinceSpike < s.SpikeHeightMs)
            {
                delay += s.SpikeHeightMs - sinceSpike;
            }
        }

        return delay;
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1.0 - random.NextDouble());
}
