namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// Walks the RFC 8285 elements of an extension block that <see cref="RtpPacket"/> already validated,
/// so it never fails; use it with <c>foreach</c>.
/// </summary>
public ref struct RtpHeaderExtensionEnumerator
{
    private readonly ReadOnlySpan<byte> _block;
    private readonly RtpHeaderExtensionForm _form;
    private int _offset;
    private byte _id;
    private int _dataOffset;
    private int _dataLength;

    internal RtpHeaderExtensionEnumerator(ReadOnlySpan<byte> block, RtpHeaderExtensionForm form)
    {
        _block = block;
        _form = form;
        _offset = 0;
        _id = 0;
        _dataOffset = 0;
        _dataLength = 0;
    }

    /// <summary>The element at the current position.</summary>
    public readonly RtpHeaderExtensionElement Current => new(_id, _block.Slice(_dataOffset, _dataLength));

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next element; false at the end of the block.</summary>
    public bool MoveNext()
    {
        if (_form == RtpHeaderExtensionForm.None)
        {
            return false;
        }

        var next = RtpHeaderExtensionLayout.Next(_block, _form, _offset, out _id, out _dataOffset, out _dataLength, out _);
        if (next < 0)
        {
            _offset = _block.Length;
            return false;
        }

        _offset = next;
        return true;
    }
}
