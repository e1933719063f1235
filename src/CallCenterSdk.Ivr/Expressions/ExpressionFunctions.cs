using System.Collections.Frozen;

namespace CallCenterSdk.Ivr.Expressions;

/// <summary>
/// The built-in functions of the expression language. None of them loops over caller-controlled counts
/// beyond a string's length, every string they build is checked against the length cap, and each declares
/// its work (<see cref="ExpressionFunction.Cost"/>) so the evaluation budget is charged before it runs.
/// </summary>
internal static class ExpressionFunctions
{
    private static readonly FrozenDictionary<string, ExpressionFunction> Functions = new ExpressionFunction[]
    {
        new("len", 1, 1, (a, e, p) => ExpressionValue.FromNumber(Text(a[0], "len", p).Length), Cost: Constant),
        new("upper", 1, 1, (a, e, p) => ExpressionValue.FromString(Text(a[0], "upper", p).ToUpperInvariant())),
        new("lower", 1, 1, (a, e, p) => ExpressionValue.FromString(Text(a[0], "lower", p).ToLowerInvariant())),
        new("trim", 1, 1, (a, e, p) => ExpressionValue.FromString(Text(a[0], "trim", p).Trim())),
        new("substr", 2, 3, Substring),
        new("contains", 2, 2, (a, e, p) => ExpressionValue.FromBoolean(Text(a[0], "contains", p).Contains(Text(a[1], "contains", p), StringComparison.Ordinal)), Cost: Search),
        new("startsWith", 2, 2, (a, e, p) => ExpressionValue.FromBoolean(Text(a[0], "startsWith", p).StartsWith(Text(a[1], "startsWith", p), StringComparison.Ordinal))),
        new("endsWith", 2, 2, (a, e, p) => ExpressionValue.FromBoolean(Text(a[0], "endsWith", p).EndsWith(Text(a[1], "endsWith", p), StringComparison.Ordinal))),
        new("indexOf", 2, 2, (a, e, p) => ExpressionValue.FromNumber(Text(a[0], "indexOf", p).IndexOf(Text(a[1], "indexOf", p), StringComparison.Ordinal)), Cost: Search),
        new("replace", 3, 3, Replace, Cost: a => (2 * Search(a)) + ExpressionEvaluation.Characters(a[2])),
        new("concat", 1, 16, Concat),
        new("string", 1, 1, (a, e, p) => e.CheckedString(a[0].ToString(), p)),
        new("number", 1, 1, (a, e, p) => a[0].TryGetNumber(out decimal n) ? ExpressionValue.FromNumber(n)
            : throw new ExpressionException($"number(): '{Shorten(a[0].ToString())}' is not a number", p)),
        new("isNumber", 1, 1, (a, e, p) => ExpressionValue.FromBoolean(a[0].TryGetNumber(out _))),
        new("isEmpty", 1, 1, (a, e, p) => ExpressionValue.FromBoolean(a[0].IsNull || (a[0].Kind == ExpressionValueKind.String && a[0].AsString.Length == 0)), Cost: Constant),
        new("abs", 1, 1, (a, e, p) => ExpressionValue.FromNumber(Math.Abs(Number(a[0], "abs", p)))),
        new("floor", 1, 1, (a, e, p) => ExpressionValue.FromNumber(Math.Floor(Number(a[0], "floor", p)))),
        new("ceil", 1, 1, (a, e, p) => ExpressionValue.FromNumber(Math.Ceiling(Number(a[0], "ceil", p)))),
        new("round", 1, 2, Round),
        new("min", 1, 16, (a, e, p) => ExpressionValue.FromNumber(a.Select(v => Number(v, "min", p)).Min())),
        new("max", 1, 16, (a, e, p) => ExpressionValue.FromNumber(a.Select(v => Number(v, "max", p)).Max())),
        new("coalesce", 1, 16, (a, e, p) => a.FirstOrDefault(v => !v.IsNull), Cost: Constant),
        new("if", 3, 3, null, If),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out ExpressionFunction function) => Functions.TryGetValue(name, out function!);

    public static IEnumerable<string> Names => Functions.Keys;

    private static ExpressionValue If(ExpressionNode[] arguments, ref ExpressionEvaluation evaluation) =>
        arguments[0].Evaluate(ref evaluation).IsTruthy ? arguments[1].Evaluate(ref evaluation) : arguments[2].Evaluate(ref evaluation);

    /// <summary>Functions that only look at a length or a kind.</summary>
    private static long Constant(ExpressionValue[] arguments) => 1;

    /// <summary>
    /// A substring search compares at most text length times searched-for length characters (the naive worst
    /// case, reached by inputs such as "aaaa...a" searched for "aa...ab...aa"); it is charged that up front.
    /// </summary>
    private static long Search(ExpressionValue[] arguments)
    {
        long text = ExpressionEvaluation.Characters(arguments[0]);
        long find = ExpressionEvaluation.Characters(arguments[1]);
        return 1 + text + (text * Math.Max(1, find));
    }

    private static string Text(ExpressionValue value, string function, int position) => value.Kind switch
    {
        ExpressionValueKind.String => value.AsString,
        ExpressionValueKind.Null => string.Empty,
        ExpressionValueKind.Number => value.ToString(),
        _ => throw new ExpressionException($"{function}() needs a string, got {value.Kind}", position),
    };

    private static decimal Number(ExpressionValue value, string function, int position) =>
        value.TryGetNumber(out decimal n) ? n
            : throw new ExpressionException($"{function}() needs a number, got {value.Kind} '{Shorten(value.ToString())}'", position);

    private static int Index(ExpressionValue value, string function, int position)
    {
        decimal n = Number(value, function, position);
        return n != decimal.Truncate(n) || n < 0 || n > int.MaxValue
            ? throw new ExpressionException($"{function}() needs a non-negative whole number, got {n}", position)
            : (int)n;
    }

    private static ExpressionValue Substring(ExpressionValue[] a, ExpressionEvaluation e, int p)
    {
        string s = Text(a[0], "substr", p);
        int start = Math.Min(Index(a[1], "substr", p), s.Length);
        int length = a.Length > 2 ? Math.Min(Index(a[2], "substr", p), s.Length - start) : s.Length - start;
        return ExpressionValue.FromString(s.Substring(start, length));
    }

    private static ExpressionValue Replace(ExpressionValue[] a, ExpressionEvaluation e, int p)
    {
        string s = Text(a[0], "replace", p);
        string find = Text(a[1], "replace", p);
        string with = Text(a[2], "replace", p);
        if (find.Length == 0)
        {
            throw new ExpressionException("replace() cannot search for an empty string", p);
        }

        // Bound the result before building it: each occurrence grows the string by the difference.
        long occurrences = 0;
        for (int i = s.IndexOf(find, StringComparison.Ordinal); i >= 0; i = s.IndexOf(find, i + find.Length, StringComparison.Ordinal))
        {
            occurrences++;
        }

        long length = s.Length + (occurrences * (with.Length - find.Length));
        if (length > e.Limits.MaxStringLength)
        {
            throw new ExpressionException($"String result longer than {e.Limits.MaxStringLength} characters", p);
        }

        return ExpressionValue.FromString(s.Replace(find, with, StringComparison.Ordinal));
    }

    private static ExpressionValue Concat(ExpressionValue[] a, ExpressionEvaluation e, int p)
    {
        long total = 0;
        var parts = new string[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            parts[i] = a[i].ToString();
            total += parts[i].Length;
            if (total > e.Limits.MaxStringLength)
            {
                throw new ExpressionException($"String result longer than {e.Limits.MaxStringLength} characters", p);
            }
        }

        return ExpressionValue.FromString(string.Concat(parts));
    }

    private static ExpressionValue Round(ExpressionValue[] a, ExpressionEvaluation e, int p)
    {
        decimal n = Number(a[0], "round", p);
        int digits = a.Length > 1 ? Index(a[1], "round", p) : 0;
        if (digits > 28)
        {
            throw new ExpressionException("round() takes at most 28 decimals", p);
        }

        return ExpressionValue.FromNumber(Math.Round(n, digits, MidpointRounding.AwayFromZero));
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : string.Concat(text.AsSpan(0, 32), "...");
}
