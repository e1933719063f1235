using System.Text;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>
/// Reads and writes the <c>Digest name=value, name="quoted"</c> list of WWW-Authenticate, Authorization,
/// Proxy-Authenticate and Proxy-Authorization (RFC 3261 §25.1, RFC 7235 §2.1).
/// </summary>
internal static class AuthParameters
{
    /// <summary>
    /// Splits a header value into its scheme and parameters. Parameter names are case-insensitive; quoted
    /// values are unescaped. Returns false with a reason on malformed input.
    /// </summary>
    public static bool TryParse(string value, out string scheme, out Dictionary<string, string> parameters, out string? error)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        scheme = string.Empty;
        error = null;
        var i = SkipWhitespace(value, 0);
        var start = i;
        while (i < value.Length && IsTokenChar(value[i]))
        {
            i++;
        }

        if (i == start)
        {
            error = "missing authentication scheme";
            return false;
        }

        scheme = value[start..i];
        i = SkipWhitespace(value, i);
        while (i < value.Length)
        {
            var nameStart = i;
            while (i < value.Length && IsTokenChar(value[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                error = $"expected a parameter name at offset {i}";
                return false;
            }

            var name = value[nameStart..i];
            i = SkipWhitespace(value, i);
            if (i >= value.Length || value[i] != '=')
            {
                error = $"expected '=' after parameter '{name}' at offset {i}";
                return false;
            }

            i = SkipWhitespace(value, i + 1);
            string parameterValue;
            if (i < value.Length && value[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < value.Length)
                {
                    var c = value[i];
                    if (c == '\\' && i + 1 < value.Length)
                    {
                        builder.Append(value[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (c == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    builder.Append(c);
                    i++;
                }

                if (!closed)
                {
                    error = $"unterminated quoted value of parameter '{name}'";
                    return false;
                }

                parameterValue = builder.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < value.Length && IsTokenChar(value[i]))
                {
                    i++;
                }

                if (i == valueStart)
                {
                    error = $"empty value of parameter '{name}' at offset {i}";
                    return false;
                }

                parameterValue = value[valueStart..i];
            }

            if (!parameters.TryAdd(name, parameterValue))
            {
                error = $"parameter '{name}' appears twice";
                return false;
            }

            i = SkipWhitespace(value, i);
            if (i < value.Length)
            {
                if (value[i] != ',')
                {
                    error = $"expected ',' at offset {i}";
                    return false;
                }

                i = SkipWhitespace(value, i + 1);
            }
        }

        return true;
    }

    /// <summary>Appends <c>name="value"</c> with RFC 3261 quoted-pair escaping.</summary>
    public static void AppendQuoted(StringBuilder builder, string name, string value)
    {
        Separate(builder);
        builder.Append(name).Append("=\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    /// <summary>Appends <c>name=token</c>.</summary>
    public static void AppendToken(StringBuilder builder, string name, string value)
    {
        Separate(builder);
        builder.Append(name).Append('=').Append(value);
    }

    private static void Separate(StringBuilder builder)
    {
        if (builder[^1] != ' ')
        {
            builder.Append(", ");
        }
    }

    private static int SkipWhitespace(string value, int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    // RFC 3261 §25.1 token characters.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';
}
