using System.Text;
using CallCenterSdk.Ivr.Expressions;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>
/// Text with embedded expressions: <c>"You are caller {queue.position}"</c>. Expressions are parsed once,
/// when the flow is built or loaded, so a malformed one is a load-time error.
/// </summary>
public sealed class TextTemplate
{
    private readonly object[] _parts;

    private TextTemplate(string text, object[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template source.</summary>
    public string Text { get; }

    /// <summary>True when the template has no expressions.</summary>
    public bool IsConstant => _parts.All(p => p is string);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionException"/> with the offset in the template.</summary>
    public static TextTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<object>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '{')
            {
                int close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw new ExpressionException("Unclosed '{' in text template", i);
                }

                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                try
                {
                    parts.Add(Expression.Parse(text[(i + 1)..close]));
                }
                catch (ExpressionException e)
                {
                    throw new ExpressionException(e.Reason, i + 1 + e.Position);
                }

                i = close + 1;
            }
            else if (c == '}')
            {
                throw new ExpressionException("Unmatched '}' in text template (write '}}' for a brace)", i);
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }

        return new TextTemplate(text, [.. parts]);
    }

    /// <summary>The expressions embedded in the template.</summary>
    public IEnumerable<Expression> Expressions => _parts.OfType<Expression>();

    /// <summary>Renders the template with values from <paramref name="scope"/>.</summary>
    public string Render(IVariableScope scope)
    {
        if (_parts.Length == 1 && _parts[0] is string only)
        {
            return only;
        }

        var builder = new StringBuilder();
        foreach (object part in _parts)
        {
            builder.Append(part is Expression e ? e.Evaluate(scope).ToString() : (string)part);
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
