using System.Runtime.CompilerServices;

namespace CallCenterSdk.Sip.Messages;

/// <summary>One line of the header index: where a header's name and (trimmed, possibly folded) value lie.</summary>
internal struct HeaderEntry
{
    public int NameStart;
    public int ValueStart;
    public int ValueLength;
    public ushort NameLength;
    public HeaderKind Kind;
}

/// <summary>
/// Room for the headers of a typical message inside the message object itself, so parsing allocates one object
/// rather than an object and an array. Messages with more headers spill into an array.
/// </summary>
[InlineArray(Capacity)]
internal struct HeaderEntryBuffer
{
    public const int Capacity = 24;

    private HeaderEntry _first;
}
