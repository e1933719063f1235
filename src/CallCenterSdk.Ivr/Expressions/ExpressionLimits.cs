namespace CallCenterSdk.Ivr.Expressions;

/// <summary>
/// Bounds that keep untrusted expressions (flows are data, edited by people) from consuming unbounded
/// time or memory. Parsing is bounded by the source length, depth and node count; evaluation by
/// <see cref="MaxStringLength"/> (memory) and <see cref="MaxEvaluationCost"/> (work, counted as it goes).
/// </summary>
public sealed record ExpressionLimits
{
    /// <summary>The default limits.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>Maximum length of the source text. Default 4096 characters.</summary>
    public int MaxSourceLength { get; init; } = 4096;

    /// <summary>Maximum nesting of parentheses, unary operators and function calls. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Maximum number of syntax nodes. Default 512.</summary>
    public int MaxNodes { get; init; } = 512;

    /// <summary>Maximum length of any string produced while evaluating. Default 8192 characters.</summary>
    public int MaxStringLength { get; init; } = 8192;

    /// <summary>
    /// Most work one evaluation may do, in steps: one per node evaluated, plus one per character of every
    /// string an operator or function reads or builds; a search (<c>contains</c>, <c>indexOf</c>, <c>replace</c>)
    /// counts text length times searched-for length, its worst case, and is refused before it runs when that
    /// would exceed the budget. Variables may hold long strings (a look-up result), so the string cap alone does
    /// not bound time. Default 10,000,000.
    /// </summary>
    public long MaxEvaluationCost { get; init; } = 10_000_000;
}
