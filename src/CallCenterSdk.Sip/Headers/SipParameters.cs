using System.Collections;
using System.Text;

namespace CallCenterSdk.Sip.Headers;

/// <summary>
/// An immutable, ordered list of parameters with case-insensitive name lookup (RFC 3261 §7.3.1: parameter names are
/// case-insensitive). Order is kept so a message serializes as it arrived.
/// </summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private readonly SipParameter[] _items;

    /// <summary>The empty list.</summary>
    public static readonly SipParameters Empty = new([]);

    /// <summary>Creates a list from parameters, keeping their order.</summary>
    /// <param name="items">The parameters.</param>
    public SipParameters(IEnumerable<SipParameter> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    internal SipParameters(SipParameter[] items, bool owned) => _items = owned ? items : [.. items];

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public SipParameter this[int index] => _items[index];

    /// <summary>Whether a parameter with this name (case-insensitive) is present.</summary>
    /// <param name="name">The parameter name.</param>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter with this name, or null when absent or a flag.</summary>
    /// <param name="name">The parameter name.</param>
    public string? this[string name]
    {
        get
        {
            var i = IndexOf(name);
            return i < 0 ? null : _items[i].Value;
        }
    }

    /// <summary>Looks a parameter up; true when present (its value may be null for a flag).</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value, or null for a flag.</param>
    public bool TryGetValue(string name, out string? value)
    {
        var i = IndexOf(name);
        value = i < 0 ? null : _items[i].Value;
        return i >= 0;
    }

    /// <summary>A copy with the parameter set (replacing the first one of that name, or appended).</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value, or null for a flag.</param>
    public SipParameters With(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = IndexOf(name);
        var copy = i < 0 ? new SipParameter[_items.Length + 1] : new SipParameter[_items.Length];
        _items.CopyTo(copy, 0);
        copy[i < 0 ? _items.Length : i] = new SipParameter(name, value);
        return new SipParameters(copy, owned: true);
    }

    /// <summary>A copy without any parameter of that name.</summary>
    /// <param name="name">The parameter name.</param>
    public SipParameters Without(string name) =>
        new(_items.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray(), owned: true);

    /// <summary>The index of the first parameter with this name, or -1.</summary>
    /// <param name="name">The parameter name.</param>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Writes <c>;name=value</c> for each parameter (values as stored).</summary>
    /// <returns>The parameters in wire form.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    internal void AppendTo(StringBuilder sb)
    {
        foreach (var p in _items)
        {
            sb.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }
    }
}
