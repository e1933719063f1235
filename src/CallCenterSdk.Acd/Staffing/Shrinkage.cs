namespace CallCenterSdk.Acd.Staffing;

/// <summary>Shrinkage: the share of paid hours in which agents are not available for contacts.</summary>
public static class Shrinkage
{
    /// <summary>
    /// Agents to schedule so that <paramref name="agentsOnPhones"/> remain after shrinkage:
    /// ceil(N / (1 - s)). A tolerance of 1e-9 keeps 14 / 0.7 at 20 (floating point gives 20.000000000000004).
    /// </summary>
    public static int ScheduledAgents(int agentsOnPhones, double shrinkage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agentsOnPhones);
        if (!(shrinkage >= 0 && shrinkage < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "Shrinkage must be in [0, 1).");
        }

        return (int)Math.Ceiling((agentsOnPhones / (1.0 - shrinkage)) - 1e-9);
    }
}
