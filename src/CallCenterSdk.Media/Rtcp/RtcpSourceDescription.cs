using System.Buffers.Binary;

namespace CallCenterSdk.Media.Rtcp;

/// <summary>An SDES packet (RFC 3550 §6.5) viewed in place; enumerate its items with <c>foreach</c>.</summary>
public readonly ref struct RtcpSourceDescription
{
    private readonly ReadOnlySpan<byte> _body;

    internal RtcpSourceDescription(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ChunkCount = count;
    }

    /// <summary>The number of chunks.</summary>
    public int ChunkCount { get; }

    /// <summary>Enumerates every item of every chunk.</summary>
    public Enumerator GetEnumerator() => new(_body, ChunkCount);

    /// <summary>Finds the CNAME of <paramref name="ssrc"/>; false when the packet has none for it.</summary>
    public bool TryGetCanonicalName(uint ssrc, out ReadOnlySpan<byte> cname)
    {
        foreach (var item in this)
        {
            if (item.Ssrc == ssrc && item.Type == RtcpSourceDescriptionItemType.CanonicalName)
            {
                cname = item.Value;
                return true;
            }
        }

        cname = default;
        return false;
    }

    /// <summary>
    /// Checks the chunk layout: per chunk an SSRC, items, a null item and padding to a 32-bit boundary.
    /// Returns -1 when valid, else the offset of the problem within <paramref name="body"/>.
    /// </summary>
    internal static int Validate(ReadOnlySpan<byte> body, int chunks)
    {
        var offset = 0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            if (offset + 4 > body.Length)
            {
                return offset;
            }

            offset += 4;
            while (true)
            {
                if (offset >= body.Length)
                {
                    return offset;
                }

                if (body[offset] == 0)
                {
                    // The null item ends the chunk; the chunk is padded with more nulls to a word boundary.
                    offset = (offset + 4) & ~3;
                    if (offset > body.Length)
                    {
                        return body.Length;
                    }

                    break;
                }

                if (offset + 2 > body.Length || offset + 2 + body[offset + 1] > body.Length)
                {
                    return offset;
                }

                offset += 2 + body[offset + 1];
            }
        }

        return -1;
    }

    /// <summary>Walks items chunk by chunk; the layout was validated when the compound was parsed.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _body;
        private int _chunksLeft;
        private int _offset;
        private uint _ssrc;
        private bool _inChunk;
        private RtcpSourceDescriptionItemType _type;
        private int _valueOffset;
        private int _valueLength;

        internal Enumerator(ReadOnlySpan<byte> body, int chunks)
        {
            _body = body;
            _chunksLeft = chunks;
            _offset = 0;
            _ssrc = 0;
            _inChunk = false;
            _type = RtcpSourceDescriptionItemType.End;
            _valueOffset = 0;
            _valueLength = 0;
        }

        /// <summary>The current item.</summary>
        public readonly RtcpSourceDescriptionItem Current => new(_ssrc, _type, _body.Slice(_valueOffset, _valueLength));

        /// <summary>Moves to the next item of any chunk.</summary>
        public bool MoveNext()
        {
            while (true)
            {
                if (!_inChunk)
                {
                    if (_chunksLeft == 0)
                    {
                        return false;
                    }

                    _chunksLeft--;
                    _ssrc = BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(_offset, 4));
                    _offset += 4;
                    _inChunk = true;
                }

                if (_body[_offset] == 0)
                {
                    _offset = (_offset + 4) & ~3;
                    _inChunk = false;
                    continue;
                }

                _type = (RtcpSourceDescriptionItemType)_body[_offset];
                _valueLength = _body[_offset + 1];
                _valueOffset = _offset + 2;
                _offset = _valueOffset + _valueLength;
                return true;
            }
        }
    }
}
