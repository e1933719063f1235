using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Messages;

/// <summary>
/// A view of one header line of a parsed message: its name as written, its kind, and its value (raw bytes with any
/// line folding still in place, or text with folds replaced by one space). Does not copy until text is asked for.
/// </summary>
public readonly struct HeaderField : IEquatable<HeaderField>
{
    private readonly SipMessage _message;
    private readonly int _index;

    internal HeaderField(SipMessage message, int index)
    {
        _message = message;
        _index = index;
    }

    private ref readonly HeaderEntry Entry => ref _message.GetEntry(_index);

    /// <summary>The kind, or <see cref="HeaderKind.Unknown"/> for an extension header.</summary>
    public HeaderKind Kind => Entry.Kind;

    /// <summary>The position of this header among all header lines.</summary>
    public int Index => _index;

    /// <summary>The name exactly as written (e.g. <c>v</c>, <c>MaX-fOrWaRdS</c>).</summary>
    public ReadOnlySpan<byte> NameBytes => _message.Buffer.Slice(Entry.NameStart, Entry.NameLength);

    /// <summary>The name as written.</summary>
    public string Name => SipText.Utf8(NameBytes);

    /// <summary>The canonical long name for a known header, else the name as written.</summary>
    public string CanonicalName => Kind == HeaderKind.Unknown ? Name : HeaderNames.GetName(Kind);

    /// <summary>The value bytes as received, trimmed, folds (CRLF SP) still inside.</summary>
    public ReadOnlySpan<byte> RawValue => _message.Buffer.Slice(Entry.ValueStart, Entry.ValueLength);

    /// <summary>As <see cref="RawValue"/>, kept with the message's bytes (for copying a header without making text of it).</summary>
    internal ReadOnlyMemory<byte> RawValueMemory => _message.BufferMemory.Slice(Entry.ValueStart, Entry.ValueLength);

    /// <summary>The value as text with each fold replaced by a single space (RFC 3261 §7.3.1).</summary>
    public string Value => SipText.Unfold(RawValue);

    /// <inheritdoc/>
    public bool Equals(HeaderField other) => ReferenceEquals(_message, other._message) && _index == other._index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HeaderField h && Equals(h);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_message, _index);

    /// <summary><c>Name: value</c>.</summary>
    /// <returns>The header line without CRLF.</returns>
    public override string ToString() => Name + ": " + Value;

    /// <summary>Same message, same line.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    public static bool operator ==(HeaderField left, HeaderField right) => left.Equals(right);

    /// <summary>Different message or line.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    public static bool operator !=(HeaderField left, HeaderField right) => !left.Equals(right);
}
