using BenchmarkDotNet.Attributes;
using CallCenterSdk.Crm.Phones;

namespace CallCenterSdk.Benchmarks.Crm;

/// <summary>Normalising a caller number to E.164 (runs on every screen pop and CDR number query).</summary>
[MemoryDiagnoser]
public class E164Benchmark
{
    [Params("+49 30 1234567", "0049 (30) 123-45-67", "030 1234567")]
    public string Number { get; set; } = string.Empty;

    [Benchmark]
    public string Normalize() => E164.Normalize(Number, DialPlan.Germany);
}
