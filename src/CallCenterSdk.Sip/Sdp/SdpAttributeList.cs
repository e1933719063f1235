using System.Collections.ObjectModel;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The <c>a=</c> lines of a session or media description, in their original order, with look-ups by name.
/// Order matters (ICE candidates, <c>ssrc</c> groups) and unknown attributes are kept as they are.
/// </summary>
public sealed class SdpAttributeList : Collection<SdpAttribute>
{
    /// <summary>Creates an empty list.</summary>
    public SdpAttributeList() : base(new List<SdpAttribute>(8))
    {
    }

    /// <summary>True when an attribute with this name is present.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The index of the first attribute with this name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(this[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value of the first attribute with this name, or null when absent (or a property attribute).</summary>
    public string? GetValue(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : this[i].Value;
    }

    /// <summary>The values of every attribute with this name, in order.</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        List<string>? values = null;
        foreach (var attribute in this)
        {
            if (attribute.Value is not null && string.Equals(attribute.Name, name, StringComparison.Ordinal))
            {
                (values ??= []).Add(attribute.Value);
            }
        }

        return values is null ? [] : values;
    }

    /// <summary>Replaces the first attribute with this name (removing later duplicates), or appends it.</summary>
    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            Add(new SdpAttribute(name, value));
            return;
        }

        this[i] = new SdpAttribute(name, value);
        for (var j = Count - 1; j > i; j--)
        {
            if (string.Equals(this[j].Name, name, StringComparison.Ordinal))
            {
                RemoveAt(j);
            }
        }
    }

    /// <summary>Removes every attribute with this name; returns how many were removed.</summary>
    public int RemoveAll(string name)
    {
        var removed = 0;
        for (var j = Count - 1; j >= 0; j--)
        {
            if (string.Equals(this[j].Name, name, StringComparison.Ordinal))
            {
                RemoveAt(j);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The direction attribute present in this list, or null when there is none (the last one wins).</summary>
    public SdpDirection? Direction
    {
        get
        {
            SdpDirection? found = null;
            foreach (var attribute in this)
            {
                if (attribute.Value is null && SdpDirections.TryParse(attribute.Name, out var d))
                {
                    found = d;
                }
            }

            return found;
        }

        set
        {
            var position = -1;
            for (var j = Count - 1; j >= 0; j--)
            {
                if (SdpDirections.TryParse(this[j].Name, out _))
                {
                    RemoveAt(j);
                    position = j;
                }
            }

            if (value is { } direction)
            {
                var attribute = new SdpAttribute(direction.ToAttributeName());
                if (position >= 0)
                {
                    Insert(position, attribute);
                }
                else
                {
                    Add(attribute);
                }
            }
        }
    }
}
