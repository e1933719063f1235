namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>Decides which packets the network drops. Stateful models keep their state in <see cref="LossState"/>.</summary>
public abstract record PacketLossModel
{
    /// <summary>Decides whether the next packet is lost, updating the model's state.</summary>
    public abstract bool NextIsLost(Random random, ref LossState state);

    /// <summary>The long-run fraction of packets lost (0..1).</summary>
    public abstract double MeanLossRatio { get; }
}

/// <summary>The mutable state of a loss process (which Gilbert-Elliott state the channel is in).</summary>
public struct LossState
{
    /// <summary>True while a Gilbert-Elliott channel is in its bad (bursty) state.</summary>
    public bool InBadState { get; set; }
}

/// <summary>Independent (Bernoulli) loss.</summary>
/// <param name="Probability">Probability that any packet is lost (0..1).</param>
public sealed record RandomLoss(double Probability) : PacketLossModel
{
    /// <inheritdoc />
    public override double MeanLossRatio => Probability;

    /// <inheritdoc />
    public override bool NextIsLost(Random random, ref LossState state)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < Probability;
    }
}

/// <summary>
/// Gilbert-Elliott bursty loss: a two-state Markov chain (good, bad) with a loss probability per state.
/// Mean burst length in the bad state is 1 / <see cref="BadToGood"/> packets.
/// </summary>
/// <param name="GoodToBad">Per-packet probability of moving from good to bad.</param>
/// <param name="BadToGood">Per-packet probability of moving from bad to good.</param>
/// <param name="LossInGood">Loss probability in the good state (usually 0).</param>
/// <param name="LossInBad">Loss probability in the bad state (usually near 1).</param>
public sealed record GilbertElliottLoss(double GoodToBad, double BadToGood, double LossInGood = 0, double LossInBad = 1) : PacketLossModel
{
    /// <inheritdoc />
    public override double MeanLossRatio
    {
        get
        {
            double badShare = GoodToBad / (GoodToBad + BadToGood);
            return (badShare * LossInBad) + ((1 - badShare) * LossInGood);
        }
    }

    /// <summary>Builds a channel with a given mean loss ratio and mean burst length (in packets), losing every packet in the bad state.</summary>
    public static GilbertElliottLoss FromMeanLoss(double meanLossRatio, double meanBurstPackets)
    {
        double badToGood = 1.0 / meanBurstPackets;

        // Stationary share of the bad state pi_B = p / (p + r) = loss ratio.
        double goodToBad = meanLossRatio * badToGood / (1.0 - meanLossRatio);
        return new GilbertElliottLoss(goodToBad, badToGood);
    }

    /// <inheritdoc />
    public override bool NextIsLost(Random random, ref LossState state)
    {
        ArgumentNullException.ThrowIfNull(random);
        state.InBadState = state.InBadState ? random.NextDouble() >= BadToGood : random.NextDouble() < GoodToBad;
        return random.NextDouble() < (state.InBadState ? LossInBad : LossInGood);
    }
}
