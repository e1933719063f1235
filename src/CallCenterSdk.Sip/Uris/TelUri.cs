using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Uris;

/// <summary>
/// A <c>tel:</c> URI (RFC 3966): a global (<c>+</c>-prefixed) or local number with parameters such as
/// <c>phone-context</c>, <c>ext</c> and <c>isub</c>.
/// </summary>
public sealed class TelUri : AddressUri
{
    /// <summary>Creates a tel URI.</summary>
    /// <param name="number">The number as written, visual separators (<c>-.()</c>) allowed.</param>
    /// <param name="parameters">Parameters, or null.</param>
    public TelUri(string number, SipParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        Number = number;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <inheritdoc/>
    public override string Scheme => "tel";

    /// <summary>The number as written.</summary>
    public string Number { get; }

    /// <summary>Whether the number is global (starts with <c>+</c>).</summary>
    public bool IsGlobal => Number.StartsWith('+');

    /// <summary>The number without visual separators (RFC 3966 §5.1.1), which is what comparison uses.</summary>
    public string Digits
    {
        get
        {
            var sb = new StringBuilder(Number.Length);
            foreach (var c in Number)
            {
                if (c is not ('-' or '.' or '(' or ')'))
                {
                    sb.Append(char.ToUpperInvariant(c));
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>The parameters (phone-context, ext, isub, ...).</summary>
    public SipParameters Parameters { get; }

    /// <inheritdoc/>
    public override bool Equals(AddressUri? other)
    {
        // RFC 3966 §4: numbers compared without visual separators; parameters compared as a set, names and values case-insensitive.
        if (other is not TelUri t || !string.Equals(t.Digits, Digits, StringComparison.Ordinal) || t.Parameters.Count != Parameters.Count)
        {
            return false;
        }

        foreach (var p in Parameters)
        {
            if (!t.Parameters.TryGetValue(p.Name, out var v) || !string.Equals(v, p.Value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Digits);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder("tel:", 32).Append(Number);
        foreach (var p in Parameters)
        {
            sb.Append(';');
            SipText.AppendEscaped(sb, p.Name, SipGrammar.IsParamChar);
            if (p.Value is not null)
            {
                sb.Append('=');
                SipText.AppendEscaped(sb, p.Value, SipGrammar.IsParamChar);
            }
        }

        return sb.ToString();
    }
}
