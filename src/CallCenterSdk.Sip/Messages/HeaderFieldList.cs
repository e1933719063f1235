using System.Collections;

namespace CallCenterSdk.Sip.Messages;

/// <summary>The header lines of a message in the order received, unknown ones included verbatim.</summary>
public readonly struct HeaderFieldList : IReadOnlyList<HeaderField>, IEquatable<HeaderFieldList>
{
    private readonly SipMessage _message;

    internal HeaderFieldList(SipMessage message) => _message = message;

    /// <inheritdoc/>
    public int Count => _message.HeaderCount;

    /// <inheritdoc/>
    public HeaderField this[int index] =>
        (uint)index < (uint)_message.HeaderCount ? new HeaderField(_message, index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Whether at least one header of this kind is present.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True when present.</returns>
    public bool Contains(HeaderKind kind) => _message.IndexOf(kind, 0) >= 0;

    /// <summary>Whether a header with this name (long or compact form, any case) is present.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string name) => IndexOf(name, 0) >= 0;

    /// <summary>The value (unfolded) of the first header with this name (long or compact form, any case), or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value or null.</returns>
    public string? this[string name]
    {
        get
        {
            var i = IndexOf(name, 0);
            return i < 0 ? null : new HeaderField(_message, i).Value;
        }
    }

    /// <summary>Every header line with this name (long or compact form, any case), in order.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The lines.</returns>
    public IEnumerable<HeaderField> GetAll(string name)
    {
        var list = new List<HeaderField>();
        for (var i = IndexOf(name, 0); i >= 0; i = IndexOf(name, i + 1))
        {
            list.Add(new HeaderField(_message, i));
        }

        return list;
    }

    private int IndexOf(string name, int from)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = HeaderNames.Classify(name);
        if (kind != HeaderKind.Unknown)
        {
            return _message.IndexOf(kind, from);
        }

        for (var i = from; i < _message.HeaderCount; i++)
        {
            var f = new HeaderField(_message, i);
            if (f.Kind == HeaderKind.Unknown && System.Text.Ascii.EqualsIgnoreCase(f.NameBytes, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>An allocation-free enumerator.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_message);

    IEnumerator<HeaderField> IEnumerable<HeaderField>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(HeaderFieldList other) => ReferenceEquals(_message, other._message);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HeaderFieldList l && Equals(l);

    /// <inheritdoc/>
    public override int GetHashCode() => _message.GetHashCode();

    /// <summary>Same message.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    public static bool operator ==(HeaderFieldList left, HeaderFieldList right) => left.Equals(right);

    /// <summary>Different message.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    public static bool operator !=(HeaderFieldList left, HeaderFieldList right) => !left.Equals(right);

    /// <summary>Enumerates header lines in order.</summary>
    public struct Enumerator : IEnumerator<HeaderField>
    {
        private readonly SipMessage _message;
        private int _index;

        internal Enumerator(SipMessage message)
        {
            _message = message;
            _index = -1;
        }

        /// <inheritdoc/>
        public readonly HeaderField Current => new(_message, _index);

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_index < _message.HeaderCount;

        /// <inheritdoc/>
        public void Reset() => _index = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
