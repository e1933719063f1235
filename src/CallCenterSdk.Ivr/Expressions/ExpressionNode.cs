namespace CallCenterSdk.Ivr.Expressions;

/// <summary>A node of a parsed expression. Nodes are immutable and shared by every evaluation.</summary>
internal abstract class ExpressionNode(int position)
{
    public int Position { get; } = position;

    public abstract ExpressionValue Evaluate(ref ExpressionEvaluation evaluation);
}

/// <summary>
/// What one evaluation needs: the variables, the limits, and the work done so far (passed by reference through
/// the tree, so counting costs no allocation).
/// </summary>
internal struct ExpressionEvaluation(IVariableScope scope, ExpressionLimits limits)
{
    public IVariableScope Scope { get; } = scope;

    public ExpressionLimits Limits { get; } = limits;

    /// <summary>Steps charged so far (see <see cref="ExpressionLimits.MaxEvaluationCost"/>).</summary>
    public long Cost { get; private set; }

    /// <summary>Adds <paramref name="steps"/> of work; throws once the evaluation would exceed its budget.</summary>
    public void Charge(long steps, int position)
    {
        Cost += steps;
        if (Cost > Limits.MaxEvaluationCost)
        {
            throw new ExpressionException($"Expression needs more than {Limits.MaxEvaluationCost} steps to evaluate", position);
        }
    }

    public readonly ExpressionValue CheckedString(string value, int position) =>
        value.Length > Limits.MaxStringLength
            ? throw new ExpressionException($"String result longer than {Limits.MaxStringLength} characters", position)
            : ExpressionValue.FromString(value);

    /// <summary>The characters an operation reads from <paramref name="value"/> (numbers and booleans are short: 0).</summary>
    public static long Characters(ExpressionValue value) => value.Kind == ExpressionValueKind.String ? value.AsString.Length : 0;
}

internal sealed class LiteralNode(int position, ExpressionValue value) : ExpressionNode(position)
{
    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        evaluation.Charge(1, Position);
        return value;
    }
}

internal sealed class VariableNode(int position, string name) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        evaluation.Charge(1, Position);
        return evaluation.Scope.TryGetVariable(Name, out var value) ? value : ExpressionValue.Null;
    }
}

internal sealed class NotNode(int position, ExpressionNode operand) : ExpressionNode(position)
{
    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        evaluation.Charge(1, Position);
        return ExpressionValue.FromBoolean(!operand.Evaluate(ref evaluation).IsTruthy);
    }
}

internal sealed class NegateNode(int position, ExpressionNode operand) : ExpressionNode(position)
{
    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        var value = operand.Evaluate(ref evaluation);
        evaluation.Charge(1 + ExpressionEvaluation.Characters(value), Position);
        return value.TryGetNumber(out decimal number)
            ? ExpressionValue.FromNumber(-number)
            : throw new ExpressionException($"Cannot negate a {value.Kind}", Position);
    }
}

internal sealed class LogicalNode(int position, bool isAnd, ExpressionNode left, ExpressionNode right) : ExpressionNode(position)
{
    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        evaluation.Charge(1, Position);
        bool l = left.Evaluate(ref evaluation).IsTruthy;
        if (isAnd ? !l : l)
        {
            return ExpressionValue.FromBoolean(l);
        }

        return ExpressionValue.FromBoolean(right.Evaluate(ref evaluation).IsTruthy);
    }
}

internal sealed class BinaryNode(int position, TokenKind op, ExpressionNode left, ExpressionNode right) : ExpressionNode(position)
{
    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        var l = left.Evaluate(ref evaluation);
        var r = right.Evaluate(ref evaluation);
        // Comparing, parsing or concatenating strings reads every character once.
        evaluation.Charge(1 + ExpressionEvaluation.Characters(l) + ExpressionEvaluation.Characters(r), Position);
        return op switch
        {
            TokenKind.Plus => Add(l, r, evaluation),
            TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent => Arithmetic(l, r),
            TokenKind.Equal => ExpressionValue.FromBoolean(AreEqual(l, r)),
            TokenKind.NotEqual => ExpressionValue.FromBoolean(!AreEqual(l, r)),
            _ => ExpressionValue.FromBoolean(Compare(l, r)),
        };
    }

    private ExpressionValue Add(ExpressionValue l, ExpressionValue r, ExpressionEvaluation evaluation)
    {
        // '+' concatenates when either side is a string that is not a number, as callers expect "Hello " + name.
        if (l.Kind == ExpressionValueKind.Number && r.Kind == ExpressionValueKind.Number)
        {
            return Arithmetic(l, r);
        }

        if (l.Kind == ExpressionValueKind.String || r.Kind == ExpressionValueKind.String)
        {
            string a = l.ToString();
            string b = r.ToString();
            if ((long)a.Length + b.Length > evaluation.Limits.MaxStringLength)
            {
                throw new ExpressionException($"String result longer than {evaluation.Limits.MaxStringLength} characters", Position);
            }

            return ExpressionValue.FromString(string.Concat(a, b));
        }

        return Arithmetic(l, r);
    }

    private ExpressionValue Arithmetic(ExpressionValue l, ExpressionValue r)
    {
        if (!l.TryGetNumber(out decimal a) || !r.TryGetNumber(out decimal b))
        {
            throw new ExpressionException(
                $"Operator '{Symbol(op)}' needs numbers, got {l.Kind} and {r.Kind}", Position);
        }

        try
        {
            return ExpressionValue.FromNumber(op switch
            {
                TokenKind.Plus => a + b,
                TokenKind.Minus => a - b,
                TokenKind.Star => a * b,
                TokenKind.Slash => b == 0 ? throw new ExpressionException("Division by zero", Position) : a / b,
                _ => b == 0 ? throw new ExpressionException("Remainder by zero", Position) : a % b,
            });
        }
        catch (OverflowException)
        {
            throw new ExpressionException($"Arithmetic overflow in '{Symbol(op)}'", Position);
        }
    }

    internal static bool AreEqual(ExpressionValue l, ExpressionValue r)
    {
        if (l.IsNull || r.IsNull)
        {
            return l.IsNull && r.IsNull;
        }

        // Digits arrive as strings: "1" == 1 must hold, and so must "01" == 1.
        if (l.Kind != r.Kind && l.TryGetNumber(out decimal a) && r.TryGetNumber(out decimal b))
        {
            return a == b;
        }

        return l.Equals(r);
    }

    private bool Compare(ExpressionValue l, ExpressionValue r)
    {
        int order;
        if (l.TryGetNumber(out decimal a) && r.TryGetNumber(out decimal b))
        {
            order = a.CompareTo(b);
        }
        else if (l.Kind == ExpressionValueKind.String && r.Kind == ExpressionValueKind.String)
        {
            order = string.CompareOrdinal(l.AsString, r.AsString);
        }
        else
        {
            throw new ExpressionException(
                $"Operator '{Symbol(op)}' cannot order {l.Kind} and {r.Kind}", Position);
        }

        return op switch
        {
            TokenKind.Less => order < 0,
            TokenKind.LessOrEqual => order <= 0,
            TokenKind.Greater => order > 0,
            _ => order >= 0,
        };
    }

    internal static string Symbol(TokenKind kind) => kind switch
    {
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.Percent => "%",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterOrEqual => ">=",
        _ => kind.ToString(),
    };
}

internal sealed class CallNode(int position, ExpressionFunction function, ExpressionNode[] arguments) : ExpressionNode(position)
{
    public override ExpressionValue Evaluate(ref ExpressionEvaluation evaluation)
    {
        if (function.Lazy is { } lazy)
        {
            evaluation.Charge(1, Position);
            return lazy(arguments, ref evaluation);
        }

        var values = new ExpressionValue[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i].Evaluate(ref evaluation);
        }

        // Charged before the body runs: a search too costly for the budget never starts.
        evaluation.Charge(function.CostOf(values), Position);
        var result = function.Eager!(values, evaluation, Position);
        evaluation.Charge(ExpressionEvaluation.Characters(result), Position);
        return result;
    }
}
