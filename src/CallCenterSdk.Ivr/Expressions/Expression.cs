namespace CallCenterSdk.Ivr.Expressions;

/// <summary>
/// A parsed expression of the IVR's small, safe language: literals (numbers, 'strings', true, false, null),
/// variables (dotted names such as <c>caller.number</c>), arithmetic (+ - * / %), comparison
/// (== != &lt; &lt;= &gt; &gt;=), boolean logic (and/&amp;&amp;, or/||, not/!) and a fixed set of functions
/// (len, upper, lower, trim, substr, contains, startsWith, endsWith, indexOf, replace, concat, string, number,
/// isNumber, isEmpty, abs, floor, ceil, round, min, max, coalesce, if). There is no way to call .NET code,
/// loop, or define functions; parse and evaluation are bounded by <see cref="ExpressionLimits"/>.
/// </summary>
public sealed class Expression
{
    private readonly ExpressionNode _root;

    private Expression(string text, ExpressionNode root, ExpressionLimits limits)
    {
        Text = text;
        _root = root;
        Limits = limits;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The limits this expression was parsed with and evaluates under.</summary>
    public ExpressionLimits Limits { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionException"/> with the offset of the first error.</summary>
    public static Expression Parse(string text, ExpressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= ExpressionLimits.Default;
        return new Expression(text, ExpressionParser.Parse(text, limits), limits);
    }

    /// <summary>Evaluates against <paramref name="scope"/>; throws <see cref="ExpressionException"/> on a runtime error.</summary>
    public ExpressionValue Evaluate(IVariableScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var evaluation = new ExpressionEvaluation(scope, Limits);
        return _root.Evaluate(ref evaluation);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
