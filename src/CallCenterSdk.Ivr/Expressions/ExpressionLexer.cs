using System.Globalization;
using System.Text;

namespace CallCenterSdk.Ivr.Expressions;

/// <summary>Splits expression text into tokens, rejecting anything outside the language with its offset.</summary>
internal static class ExpressionLexer
{
    public static List<ExpressionToken> Tokenize(string text, ExpressionLimits limits)
    {
        var tokens = new List<ExpressionToken>();
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new ExpressionToken(TokenKind.End, i, null, 0));
                return tokens;
            }

            // Each token becomes at least one node, so the node cap also caps the token list.
            if (tokens.Count > limits.MaxNodes * 2)
            {
                throw new ExpressionException($"Expression has more than {limits.MaxNodes * 2} tokens", i);
            }

            char c = text[i];
            int start = i;
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.LeftParen, i++, null, 0)); continue;
                case ')': tokens.Add(new(TokenKind.RightParen, i++, null, 0)); continue;
                case ',': tokens.Add(new(TokenKind.Comma, i++, null, 0)); continue;
                case '+': tokens.Add(new(TokenKind.Plus, i++, null, 0)); continue;
                case '-': tokens.Add(new(TokenKind.Minus, i++, null, 0)); continue;
                case '*': tokens.Add(new(TokenKind.Star, i++, null, 0)); continue;
                case '/': tokens.Add(new(TokenKind.Slash, i++, null, 0)); continue;
                case '%': tokens.Add(new(TokenKind.Percent, i++, null, 0)); continue;
                case '=':
                    if (Peek(text, i + 1) == '=')
                    {
                        tokens.Add(new(TokenKind.Equal, i, null, 0));
                        i += 2;
                        continue;
                    }

                    throw new ExpressionException("'=' is not an operator; use '==' to compare", i);
                case '!':
                    if (Peek(text, i + 1) == '=')
                    {
                        tokens.Add(new(TokenKind.NotEqual, i, null, 0));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new(TokenKind.Not, i++, null, 0));
                    }

                    continue;
                case '<':
                    if (Peek(text, i + 1) == '=')
                    {
                        tokens.Add(new(TokenKind.LessOrEqual, i, null, 0));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new(TokenKind.Less, i++, null, 0));
                    }

                    continue;
                case '>':
                    if (Peek(text, i + 1) == '=')
                    {
                        tokens.Add(new(TokenKind.GreaterOrEqual, i, null, 0));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new(TokenKind.Greater, i++, null, 0));
                    }

                    continue;
                case '&':
                    if (Peek(text, i + 1) == '&')
                    {
                        tokens.Add(new(TokenKind.And, i, null, 0));
                        i += 2;
                        continue;
                    }

                    throw new ExpressionException("'&' is not an operator; use '&&' or 'and'", i);
                case '|':
                    if (Peek(text, i + 1) == '|')
                    {
                        tokens.Add(new(TokenKind.Or, i, null, 0));
                        i += 2;
                        continue;
                    }

                    throw new ExpressionException("'|' is not an operator; use '||' or 'or'", i);
                case '\'':
                case '"':
                    tokens.Add(ReadString(text, ref i, limits));
                    continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(text, i + 1))))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var span = text.AsSpan(start, i - start);
                if (!decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
                {
                    throw new ExpressionException($"Malformed number '{span}'", start);
                }

                if (i < text.Length && IsIdentifierPart(text[i]))
                {
                    throw new ExpressionException($"Unexpected character '{text[i]}' after a number", i);
                }

                tokens.Add(new(TokenKind.Number, start, null, value));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                while (i < text.Length && (IsIdentifierPart(text[i]) || (text[i] == '.' && IsIdentifierStart(Peek(text, i + 1)))))
                {
                    i++;
                }

                string word = text[start..i];
                tokens.Add(word switch
                {
                    "true" => new(TokenKind.True, start, word, 0),
                    "false" => new(TokenKind.False, start, word, 0),
                    "null" => new(TokenKind.Null, start, word, 0),
                    "and" => new(TokenKind.And, start, word, 0),
                    "or" => new(TokenKind.Or, start, word, 0),
                    "not" => new(TokenKind.Not, start, word, 0),
                    _ => new(TokenKind.Identifier, start, word, 0),
                });
                continue;
            }

            throw new ExpressionException(
                $"Unexpected character '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'", i);
        }
    }

    private static ExpressionToken ReadString(string text, ref int i, ExpressionLimits limits)
    {
        char quote = text[i];
        int start = i++;
        var builder = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new ExpressionException("Unterminated string literal", start);
            }

            char c = text[i++];
            if (c == quote)
            {
                return new ExpressionToken(TokenKind.String, start, builder.ToString(), 0);
            }

            if (c == '\\')
            {
                if (i >= text.Length)
                {
                    throw new ExpressionException("Unterminated escape in string literal", i - 1);
                }

                char e = text[i++];
                builder.Append(e switch
                {
                    '\\' => '\\',
                    '\'' => '\'',
                    '"' => '"',
                    'n' => '\n',
                    't' => '\t',
                    _ => throw new ExpressionException($"Unknown escape '\\{e}' in string literal", i - 2),
                });
            }
            else
            {
                builder.Append(c);
            }

            if (builder.Length > limits.MaxStringLength)
            {
                throw new ExpressionException($"String literal longer than {limits.MaxStringLength} characters", start);
            }
        }
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
