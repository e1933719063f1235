using System.Globalization;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Ivr.CallerLists;

namespace CallCenterSdk.Benchmarks.Ivr;

/// <summary>Classifying a caller against a tenant's lists of 10,000 numbers and 1,000 prefixes.</summary>
[MemoryDiagnoser]
public class IvrCallerScreenBenchmarks
{
    private readonly CallerScreen _screen = new("default",
        Enumerable.Range(0, 10_000).Select(i => new CallerListEntry("+86139" + i.ToString("D8", CultureInfo.InvariantCulture), false, CallerListKind.Vip))
            .Concat(Enumerable.Range(0, 1_000).Select(i => new CallerListEntry("+1" + i.ToString("D3", CultureInfo.InvariantCulture), true, CallerListKind.Black))));

    /// <summary>An exact VIP hit.</summary>
    [Benchmark]
    public CallerListEntry? ExactHit() => _screen.Classify("+8613900004242");

    /// <summary>A prefix hit after probing longer prefixes.</summary>
    [Benchmark]
    public CallerListEntry? PrefixHit() => _screen.Classify("+19005551234");

    /// <summary>A number on no list.</summary>
    [Benchmark]
    public CallerListEntry? Miss() => _screen.Classify("+4930123456789");
}
