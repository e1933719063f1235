namespace CallCenterSdk.Ivr.Expressions;

/// <summary>
/// Recursive-descent parser with explicit depth and node limits, so hostile input (deep nesting, huge
/// expressions) fails with a clear error instead of a stack overflow.
/// Precedence, lowest first: or, and, not, comparison, + -, * / %, unary minus, primary.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<ExpressionToken> _tokens;
    private readonly ExpressionLimits _limits;
    private int _index;
    private int _depth;
    private int _nodes;

    private ExpressionParser(List<ExpressionToken> tokens, ExpressionLimits limits)
    {
        _tokens = tokens;
        _limits = limits;
    }

    public static ExpressionNode Parse(string text, ExpressionLimits limits)
    {
        if (text.Length > limits.MaxSourceLength)
        {
            throw new ExpressionException($"Expression longer than {limits.MaxSourceLength} characters", limits.MaxSourceLength);
        }

        var parser = new ExpressionParser(ExpressionLexer.Tokenize(text, limits), limits);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ExpressionException("Empty expression", 0);
        }

        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ExpressionException($"Unexpected {Describe(parser.Current)} after the end of the expression", parser.Current.Position);
        }

        return node;
    }

    private ExpressionToken Current => _tokens[_index];

    private ExpressionToken Advance() => _tokens[_index++];

    private T Count<T>(T node) where T : ExpressionNode
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw new ExpressionException($"Expression has more than {_limits.MaxNodes} nodes", node.Position);
        }

        return node;
    }

    private void Enter(int position)
    {
        if (++_depth > _limits.MaxDepth)
        {
            throw new ExpressionException($"Expression nested deeper than {_limits.MaxDepth} levels", position);
        }
    }

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = Count(new LogicalNode(op.Position, false, left, ParseAnd()));
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = Count(new LogicalNode(op.Position, true, left, ParseNot()));
        }

        return left;
    }

    private ExpressionNode ParseNot()
    {
        if (Current.Kind == TokenKind.Not)
        {
            var op = Advance();
            Enter(op.Position);
            var operand = ParseNot();
            _depth--;
            return Count(new NotNode(op.Position, operand));
        }

        return ParseComparison();
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseAdditive();
        if (Current.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
            or TokenKind.Greater or TokenKind.GreaterOrEqual)
        {
            var op = Advance();
            left = Count(new BinaryNode(op.Position, op.Kind, left, ParseAdditive()));
            if (Current.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
                or TokenKind.Greater or TokenKind.GreaterOrEqual)
            {
                throw new ExpressionException("Comparisons cannot be chained; combine them with 'and'", Current.Position);
            }
        }

        return left;
    }

    private ExpressionNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = Count(new BinaryNode(op.Position, op.Kind, left, ParseMultiplicative()));
        }

        return left;
    }

    private ExpressionNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            left = Count(new BinaryNode(op.Position, op.Kind, left, ParseUnary()));
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            Enter(op.Position);
            var operand = ParseUnary();
            _depth--;
            return Count(new NegateNode(op.Position, operand));
        }

        return ParsePrimary();
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Advance();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return Count(new LiteralNode(token.Position, ExpressionValue.FromNumber(token.Number)));
            case TokenKind.String:
                return Count(new LiteralNode(token.Position, ExpressionValue.FromString(token.Text)));
            case TokenKind.True:
                return Count(new LiteralNode(token.Position, ExpressionValue.FromBoolean(true)));
            case TokenKind.False:
                return Count(new LiteralNode(token.Position, ExpressionValue.FromBoolean(false)));
            case TokenKind.Null:
                return Count(new LiteralNode(token.Position, ExpressionValue.Null));
            case TokenKind.LeftParen:
            {
                Enter(token.Position);
                var inner = ParseOr();
                _depth--;
                Expect(TokenKind.RightParen, "')' to close the '(' at offset " + token.Position);
                return inner;
            }

            case TokenKind.Identifier when Current.Kind == TokenKind.LeftParen:
                return ParseCall(token);
            case TokenKind.Identifier:
                return Count(new VariableNode(token.Position, token.Text!));
            case TokenKind.End:
                throw new ExpressionException("Unexpected end of expression", token.Position);
            default:
                throw new ExpressionException($"Unexpected {Describe(token)}", token.Position);
        }
    }

    private CallNode ParseCall(ExpressionToken name)
    {
        if (!ExpressionFunctions.TryGet(name.Text!, out var function))
        {
            throw new ExpressionException($"Unknown function '{name.Text}'", name.Position);
        }

        Advance(); // '('
        Enter(name.Position);
        var arguments = new List<ExpressionNode>();
        if (Current.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(ParseOr());
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }
        }

        Expect(TokenKind.RightParen, $"')' to close the call of {name.Text}()");
        _depth--;
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            string expected = function.MinArguments == function.MaxArguments
                ? function.MinArguments.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"{function.MinArguments} to {function.MaxArguments}";
            throw new ExpressionException($"{name.Text}() takes {expected} arguments, got {arguments.Count}", name.Position);
        }

        return Count(new CallNode(name.Position, function, [.. arguments]));
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new ExpressionException($"Expected {what}, found {Describe(Current)}", Current.Position);
        }

        Advance();
    }

    private static string Describe(ExpressionToken token) => token.Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Number => $"number {token.Number}",
        TokenKind.String => "string literal",
        TokenKind.Identifier => $"name '{token.Text}'",
        TokenKind.LeftParen => "'('",
        TokenKind.RightParen => "')'",
        TokenKind.Comma => "','",
        TokenKind.And => "'and'",
        TokenKind.Or => "'or'",
        TokenKind.Not => "'not'",
        TokenKind.True or TokenKind.False or TokenKind.Null => $"'{token.Text}'",
        _ => $"operator '{BinaryNode.Symbol(token.Kind)}'",
    };
}
