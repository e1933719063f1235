namespace CallCenterSdk.Ivr.Expressions;

/// <summary>A built-in function: its name, arity and body. Users cannot define functions.</summary>
internal sealed record ExpressionFunction(
    string Name,
    int MinArguments,
    int MaxArguments,
    Func<ExpressionValue[], ExpressionEvaluation, int, ExpressionValue>? Eager,
    Func<ExpressionNode[], ExpressionEvaluation, ExpressionValue>? Lazy = null);
