using System.Text;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>
/// A cursor over one header value (or start-line element) inside a message buffer. It knows the RFC 3261 §25.1
/// lexical rules (LWS, SWS around separators, tokens, quoted strings) and fails with a <see cref="SipParseException"/>
/// carrying the absolute offset. Folded lines were left in place by the framing pass, so CR and LF count as LWS here.
/// </summary>
internal ref struct SipValueReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _end;
    private readonly int _baseOffset;
    private int _position;

    public SipValueReader(ReadOnlySpan<byte> buffer, int start, int end, int baseOffset = 0)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
        _baseOffset = baseOffset;
    }

    public SipValueReader(ReadOnlySpan<byte> buffer)
        : this(buffer, 0, buffer.Length)
    {
    }

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public readonly int End => _end;

    public readonly bool AtEnd => _position >= _end;

    /// <summary>The next byte, or -1 at the end of the value.</summary>
    public readonly int Peek() => _position < _end ? _buffer[_position] : -1;

    public readonly ReadOnlySpan<byte> Slice(Segment s) => _buffer.Slice(s.Start, s.Length);

    public void Advance(int count = 1) => _position += count;

    /// <summary>Skips linear white space: SP, HTAB and folded line breaks (RFC 3261 §7.3.1).</summary>
    public void SkipLws()
    {
        while (_position < _end)
        {
            var c = _buffer[_position];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                _position++;
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>Consumes <paramref name="separator"/> with optional LWS around it (SWS sep SWS), if it is next.</summary>
    public bool TrySkip(byte separator)
    {
        // Fast path: the separator with no white space before it (the usual form).
        if (_position < _end && _buffer[_position] == separator)
        {
            _position++;
            if (_position < _end && _buffer[_position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                SkipLws();
            }

            return true;
        }

        var save = _position;
        SkipLws();
        if (_position < _end && _buffer[_position] == separator)
        {
            _position++;
            SkipLws();
            return true;
        }

        _position = save;
        return false;
    }

    public void Expect(byte separator, string what)
    {
        if (!TrySkip(separator))
        {
            Fail(what);
        }
    }

    public readonly bool NextIsWhitespace()
    {
        if (_position >= _end)
        {
            return false;
        }

        var c = _buffer[_position];
        return c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    /// <summary>Reads 1*token characters.</summary>
    public Segment ReadToken(string what)
    {
        var start = _position;
        _position = SipGrammar.SkipTokens(_buffer, _position, _end);

        if (_position == start)
        {
            Fail(_position >= _end ? $"missing {what}" : $"invalid character in {what}");
        }

        return new Segment(start, _position - start);
    }

    /// <summary>Reads 1*word characters (Call-ID).</summary>
    public Segment ReadWord(string what)
    {
        var start = _position;
        _position = SipGrammar.SkipWords(_buffer, _position, _end);

        if (_position == start)
        {
            Fail(_position >= _end ? $"missing {what}" : $"invalid character in {what}");
        }

        return new Segment(start, _position - start);
    }

    /// <summary>Reads 1*DIGIT as an unsigned 32-bit number, failing on overflow (RFC 4475 §3.1.2.4).</summary>
    public uint ReadUInt32(string what)
    {
        var start = _position;
        ulong value = 0;
        while (_position < _end && SipGrammar.IsDigit(_buffer[_position]))
        {
            value = (value * 10) + (uint)(_buffer[_position] - '0');
            if (value > uint.MaxValue)
            {
                _position = start;
                Fail($"{what} exceeds 2**32-1");
            }

            _position++;
        }

        if (_position == start)
        {
            Fail(_position >= _end ? $"missing {what}" : $"{what} is not a number");
        }

        return (uint)value;
    }

    /// <summary>
    /// Reads a quoted-string (RFC 3261 §25.1) and returns the range between the quotes, escapes still in place.
    /// </summary>
    public Segment ReadQuotedString(string what)
    {
        if (Peek() != '"')
        {
            Fail($"expected quoted {what}");
        }

        var open = _position;
        _position++;
        var start = _position;
        while (_position < _end)
        {
            var skip = _buffer[_position.._end].IndexOfAny(SipGrammar.QuotedStop);
            if (skip < 0)
            {
                _position = _end;
                break;
            }

            _position += skip;
            var c = _buffer[_position];
            if (c == '"')
            {
                var s = new Segment(start, _position - start);
                _position++;
                return s;
            }

            if (c == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (_position + 1 >= _end)
                {
                    break;
                }

                var next = _buffer[_position + 1];
                if (next is (byte)'\r' or (byte)'\n' || next > 0x7F)
                {
                    Fail($"invalid escape in quoted {what}");
                }

                _position += 2;
                continue;
            }

            // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII: no other control characters.
            Fail($"control character in quoted {what}");
        }

        _position = open;
        Fail($"unterminated quoted {what}");
        return default;
    }

    /// <summary>
    /// Reads a generic parameter value: quoted-string, or token / host characters (IPv4, IPv6 with or without
    /// brackets, hostnames). Returns the range including quotes when quoted.
    /// </summary>
    public Segment ReadGenericValue(string what)
    {
        if (Peek() == '"')
        {
            var start = _position;
            ReadQuotedString(what);
            return new Segment(start, _position - start);
        }

        var s = _position;

        // Values are mostly short tokens or addresses: a table loop first, the vector search only for long ones.
        var limit = Math.Min(_end, s + 24);
        var p = s;
        while (p < limit && SipGrammar.IsGenericValueChar(_buffer[p]))
        {
            p++;
        }

        if (p == limit && p < _end)
        {
            var run = _buffer[p.._end].IndexOfAnyExcept(SipGrammar.GenericValueChars);
            p = run < 0 ? _end : p + run;
        }

        _position = p;

        if (_position == s)
        {
            Fail(_position >= _end ? $"missing value of {what}" : $"invalid character in value of {what}");
        }

        return new Segment(s, _position - s);
    }

    /// <summary>
    /// Reads the next parameter, <c>SEMI name [EQUAL value]</c>: first the compact form (no white space, unquoted
    /// value) in one table loop, else the general rules from the same position. False when no ';' follows.
    /// </summary>
    public bool TryReadNextParameter(out Segment name, out Segment value)
    {
        if (TryReadCompactParameter(out name, out value))
        {
            return true;
        }

        if (!TrySkip((byte)';'))
        {
            return false;
        }

        ReadParameter(out name, out value);
        return true;
    }

    /// <summary>
    /// <c>;token[=value]</c> with no white space anywhere and an unquoted value: what nearly every parameter looks
    /// like. Anything else (LWS, quotes, a missing name or value) returns false with the position unchanged, so the
    /// general path reads it with its exact errors.
    /// </summary>
    private bool TryReadCompactParameter(out Segment name, out Segment value)
    {
        name = value = Segment.None;
        var b = _buffer;
        var end = _end;
        var p = _position;
        if (p >= end || b[p] != ';')
        {
            return false;
        }

        var nameStart = ++p;
        while (p < end && SipGrammar.IsToken(b[p]))
        {
            p++;
        }

        if (p == nameStart)
        {
            return false;
        }

        var nameEnd = p;
        if (p < end)
        {
            var c = b[p];
            if (c == '=')
            {
                var valueStart = ++p;
                while (p < end && SipGrammar.IsGenericValueChar(b[p]))
                {
                    p++;
                }

                if (p == valueStart)
                {
                    return false;
                }

                value = new Segment(valueStart, p - valueStart);
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                // "name =value" is allowed (SWS around '='): the general path decides.
                return false;
            }
        }

        name = new Segment(nameStart, nameEnd - nameStart);
        _position = p;
        return true;
    }

    /// <summary>Reads one <c>;name[=value]</c> parameter after the semicolon was consumed.</summary>
    public void ReadParameter(out Segment name, out Segment value)
    {
        name = ReadToken("parameter name");
        if (TrySkip((byte)'='))
        {
            value = ReadGenericValue("parameter");
        }
        else
        {
            value = Segment.None;
        }
    }

    /// <summary>Throws the parse error at the current position.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void Fail(string reason) => throw new SipParseException(reason, _baseOffset + Math.Min(_position, _end));

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void FailAt(string reason, int position) => throw new SipParseException(reason, _baseOffset + position);

    /// <summary>Fails unless only LWS remains.</summary>
    public void ExpectEnd(string what)
    {
        SkipLws();
        if (_position < _end)
        {
            Fail($"unexpected character after {what}");
        }
    }

    public readonly string GetString(Segment s) => Encoding.UTF8.GetString(_buffer.Slice(s.Start, s.Length));
}
