namespace CallCenterSdk.Testing;

/// <summary>Allocation checks for per-frame paths that must allocate nothing.</summary>
public static class Allocations
{
    /// <summary>
    /// The fewest bytes this thread allocated in <paramref name="steps"/> calls of <paramref name="step"/>, over up to
    /// <paramref name="rounds"/> rounds (stopping at a round that allocated nothing). The runtime itself may allocate
    /// on the thread once in a while (a fresh-clone CI run saw 1,296 B in one round of a DTMF test while tiered
    /// compilation promoted its methods); an allocation per step shows in every round.
    /// </summary>
    public static long LeastAllocated(Action step, int steps, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(step);
        var least = long.MaxValue;
        for (var round = 0; round < rounds && least > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < steps; i++)
            {
                step();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
