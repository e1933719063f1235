namespace CallCenterSdk.Ivr.Expressions;

/// <summary>
/// Bounds that keep untrusted expressions (flows are data, edited by people) from consuming unbounded
/// time or memory. The language has no loops, so evaluation time is bounded by the node count and the
/// string length cap.
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
}
