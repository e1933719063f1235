namespace CallCenterSdk.Ivr.Expressions;

/// <summary>A function body that evaluates its own arguments (only <c>if</c>, which must not evaluate the branch it skips).</summary>
internal delegate ExpressionValue LazyExpressionFunction(ExpressionNode[] arguments, ref ExpressionEvaluation evaluation);

/// <summary>
/// A built-in function: its name, arity and body. Users cannot define functions. <paramref name="Cost"/> gives the
/// work an eager call will do from its argument values, charged before the body runs; null charges one step per
/// character of its string arguments.
/// </summary>
internal sealed record ExpressionFunction(
    string Name,
    int MinArguments,
    int MaxArguments,
    Func<ExpressionValue[], ExpressionEvaluation, int, ExpressionValue>? Eager,
    LazyExpressionFunction? Lazy = null,
    Func<ExpressionValue[], long>? Cost = null)
{
    /// <summary>The work a call with <paramref name="arguments"/> will do before its result is built.</summary>
    public long CostOf(ExpressionValue[] arguments)
    {
        if (Cost is not null)
        {
            return Cost(arguments);
        }

        long characters = 1;
        foreach (var argument in arguments)
        {
            characters += ExpressionEvaluation.Characters(argument);
        }

        return characters;
    }
}
