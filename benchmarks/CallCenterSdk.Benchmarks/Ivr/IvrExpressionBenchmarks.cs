using BenchmarkDotNet.Attributes;
using CallCenterSdk.Ivr.Expressions;

namespace CallCenterSdk.Benchmarks.Ivr;

/// <summary>Parsing and evaluating a typical routing condition of the IVR expression language.</summary>
[MemoryDiagnoser]
public class IvrExpressionBenchmarks
{
    private const string Condition = "caller.list == 'vip' and (balance * 1.1 > 100 or startsWith(caller.number, '+86138')) and len(pin) == 4";
    private readonly Expression _parsed = Expression.Parse(Condition);
    private readonly Scope _scope = new();

    /// <summary>Parse once per flow load.</summary>
    [Benchmark]
    public Expression Parse() => Expression.Parse(Condition);

    /// <summary>Evaluate per call.</summary>
    [Benchmark]
    public bool Evaluate() => _parsed.Evaluate(_scope).IsTruthy;

    private sealed class Scope : IVariableScope
    {
        private readonly Dictionary<string, ExpressionValue> _values = new(StringComparer.Ordinal)
        {
            ["caller.list"] = ExpressionValue.FromString("vip"),
            ["caller.number"] = ExpressionValue.FromString("+8613800001111"),
            ["balance"] = ExpressionValue.FromNumber(99.5m),
            ["pin"] = ExpressionValue.FromString("1234"),
        };

        public bool TryGetVariable(string name, out ExpressionValue value) => _values.TryGetValue(name, out value);
    }
}
