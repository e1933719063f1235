using CallCenterSdk.Crm.Cdr;

namespace CallCenterSdk.CrmLab;

/// <summary>Deterministic synthetic CDRs: 8 queues, 200 agents, 80 % answered, spread evenly over the given days.</summary>
internal static class CdrGenerator
{
    /// <summary>The caller number of row i: 900,000 numbers in scattered order (Knuth's multiplicative hash), as real callers
    /// arrive; numbers rising with i would make every number-index insert an append at the right edge.</summary>
    public static long CallerSuffix(long i) => 1_000_000 + (i * 2_654_435_761 % 4_294_967_296 % 900_000);

    /// <summary>The same as <see cref="CallerSuffix"/> in SQL over a bigint column i.</summary>
    public const string CallerSuffixSql = "(1000000 + i * 2654435761 % 4294967296 % 900000)";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static CallDetailRecord Make(long i, long total, int days)
    {
        var start = Start.AddMilliseconds(i * (days * 86_400_000.0 / total));
        var wait = (int)(i * 7919 % 120);
        var talk = 30 + (int)(i * 104_729 % 600);
        var answered = i % 10 < 8;
        return new CallDetailRecord(
            0, "call-" + i, "leg-" + i, null, CallDirection.Inbound, "+4930" + CallerSuffix(i), null, "+498001234",
            start, answered ? start.AddSeconds(wait) : null, start.AddSeconds(wait + (answered ? talk : 0)),
            answered ? CallDisposition.Answered : CallDisposition.Abandoned, answered ? 200 : 487, 16,
            "q" + (i % 8), answered ? "a" + (i % 200) : null, wait * 1000L, answered ? (int)(i % 5) : 0, answered ? (int)(i % 60) : 0,
            i % 20 == 0, "main>q" + (i % 8), null, "PCMU", 3.5, 0.1, 4.2, i % 3 == 0 ? 1 + (int)(i % 5) : null);
    }
}
