using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The RFC 8866 parser: one pass over the bytes, line by line, into a <see cref="SessionDescription"/>.
/// Every problem is reported as an <see cref="SdpParseException"/> with the reason, line and byte offset;
/// the code is written so that no other exception can escape on any input.
/// </summary>
internal static class SdpParser
{
    // RFC 8866 §9 token-char: printable ASCII except the separators below.
    private static readonly SearchValues<byte> NonTokenBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x21).Select(i => (byte)i), .. "\"(),/:;<=>?@[\\]"u8.ToArray(), .. Enumerable.Range(0x7F, 0x81).Select(i => (byte)i)]);

    private static readonly SearchValues<byte> Ipv4Chars = SearchValues.Create("0123456789."u8);

    private static readonly SearchValues<byte> LineBreakOrNul = SearchValues.Create("\r\0"u8);

    public static SessionDescription Parse(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            throw new SdpParseException("the description is empty", 1, 0);
        }

        if (!Utf8.IsValid(input))
        {
            ThrowInvalidUtf8(input);
        }

        var state = new State();
        var pos = 0;
        var lineNumber = 0;
        while (pos < input.Length)
        {
            lineNumber++;
            var lineStart = pos;
            var rest = input[pos..];
            var lf = rest.IndexOf((byte)'\n');
            var line = lf < 0 ? rest : rest[..lf];
            pos = lf < 0 ? input.Length : pos + lf + 1;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            var bad = line.IndexOfAny(LineBreakOrNul);
            if (bad >= 0)
            {
                throw new SdpParseException(line[bad] == 0 ? "NUL byte inside a line" : "CR without LF inside a line", lineNumber, lineStart + bad);
            }

            if (line.IsEmpty)
            {
                // RFC 8866 has no blank lines; tolerate only trailing ones, which some stacks append to the body.
                if (input[pos..].TrimStart("\r\n"u8).IsEmpty)
                {
                    break;
                }

                throw new SdpParseException("blank line inside the description", lineNumber, lineStart);
            }

            if (line.Length < 2 || line[1] != '=')
            {
                throw new SdpParseException("a line must start with '<type>=' with no space around '='", lineNumber, lineStart);
            }

            ParseLine(ref state, line[0], line[2..], lineNumber, lineStart + 2);
        }

        return state.Finish(lineNumber, input.Length);
    }

    private static void ParseLine(ref State state, byte type, ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        if (lineNumber == 1 && type != 'v')
        {
            throw new SdpParseException("the description must start with 'v=' (RFC 8866 §5)", lineNumber, offset - 2);
        }

        if (lineNumber == 2 && type != 'o')
        {
            throw new SdpParseException("'o=' must follow 'v=' (RFC 8866 §5)", lineNumber, offset - 2);
        }

        var media = state.CurrentMedia;
        switch (type)
        {
            case (byte)'v':
                if (lineNumber != 1)
                {
                    throw new SdpParseException("'v=' may appear only once, as the first line", lineNumber, offset - 2);
                }

                if (!value.SequenceEqual("0"u8))
                {
                    throw new SdpParseException("unsupported protocol version (RFC 8866 defines only v=0)", lineNumber, offset);
                }

                break;
            case (byte)'o':
                if (lineNumber != 2)
                {
                    throw new SdpParseException("'o=' may appear only once, as the second line", lineNumber, offset - 2);
                }

                state.Description = new SessionDescription(ParseOrigin(value, lineNumber, offset));
                break;
            case (byte)'s':
                SessionOnly(media, "s=", lineNumber, offset);
                if (state.HasSessionName)
                {
                    throw Duplicate("s=", lineNumber, offset);
                }

                state.HasSessionName = true;
                state.Description!.SessionName = SdpText.Decode(value);
                break;
            case (byte)'i':
                if (media is not null)
                {
                    if (media.Information is not null)
                    {
                        throw Duplicate("i=", lineNumber, offset);
                    }

                    media.Information = SdpText.Decode(value);
                }
                else
                {
                    if (state.Description!.Information is not null)
                    {
                        throw Duplicate("i=", lineNumber, offset);
                    }

                    state.Description.Information = SdpText.Decode(value);
                }

                break;
            case (byte)'u':
                SessionOnly(media, "u=", lineNumber, offset);
                if (state.Description!.Uri is not null)
                {
                    throw Duplicate("u=", lineNumber, offset);
                }

                state.Description.Uri = SdpText.Decode(value);
                break;
            case (byte)'e':
                SessionOnly(media, "e=", lineNumber, offset);
                state.Description!.Emails.Add(SdpText.Decode(value));
                break;
            case (byte)'p':
                SessionOnly(media, "p=", lineNumber, offset);
                state.Description!.Phones.Add(SdpText.Decode(value));
                break;
            case (byte)'c':
                var connection = ParseConnection(value, lineNumber, offset, state.Description!.Connection?.Address ?? state.Description.Origin.Address);
                if (media is not null)
                {
                    media.Connections.Add(connection);
                }
                else
                {
                    if (state.Description!.Connection is not null)
                    {
                        throw Duplicate("c=", lineNumber, offset);
                    }

                    state.Description.Connection = connection;
                }

                break;
            case (byte)'b':
                var bandwidth = ParseBandwidth(value, lineNumber, offset);
                if (media is not null)
                {
                    media.Bandwidths.Add(bandwidth);
                }
                else
                {
                    state.Description!.Bandwidths.Add(bandwidth);
                }

                break;
            case (byte)'t':
                SessionOnly(media, "t=", lineNumber, offset);
                state.Description!.AddTiming(ParseTiming(value, lineNumber, offset));
                break;
            case (byte)'r':
                SessionOnly(media, "r=", lineNumber, offset);
                var timings = state.Description!.TimingList;
                if (timings is not { Count: > 0 })
                {
                    throw new SdpParseException("'r=' must follow a 't=' line (RFC 8866 §5.10)", lineNumber, offset - 2);
                }

                ValidateRepeat(value, lineNumber, offset);
                timings[^1].Repeats.Add(SdpText.Decode(value));
                break;
            case (byte)'z':
                SessionOnly(media, "z=", lineNumber, offset);
                if (state.Description!.TimeZones is not null)
                {
                    throw Duplicate("z=", lineNumber, offset);
                }

                ValidateTimeZones(value, lineNumber, offset);
                state.Description.TimeZones = SdpText.Decode(value);
                break;
            case (byte)'k':
                if (value.IsEmpty)
                {
                    throw new SdpParseException("'k=' needs a key method", lineNumber, offset);
                }

                if (media is not null)
                {
                    if (media.EncryptionKey is not null)
                    {
                        throw Duplicate("k=", lineNumber, offset);
                    }

                    media.EncryptionKey = SdpText.Decode(value);
                }
                else
                {
                    if (state.Description!.EncryptionKey is not null)
                    {
                        throw Duplicate("k=", lineNumber, offset);
                    }

                    state.Description.EncryptionKey = SdpText.Decode(value);
                }

                break;
            case (byte)'a':
                var attribute = ParseAttribute(value, lineNumber, offset);
                if (media is not null)
                {
                    media.Attributes.Add(attribute);
                }
                else
                {
                    state.Description!.Attributes.Add(attribute);
                }

                break;
            case (byte)'m':
                if (!state.HasSessionName)
                {
                    throw new SdpParseException("'s=' is required before the first 'm=' (RFC 8866 §5.3)", lineNumber, offset - 2);
                }

                if (state.Description!.TimingList is not { Count: > 0 })
                {
                    throw new SdpParseException("'t=' is required before the first 'm=' (RFC 8866 §5.9)", lineNumber, offset - 2);
                }

                state.CurrentMedia = ParseMedia(value, lineNumber, offset);
                state.Description.AddMedia(state.CurrentMedia);
                break;
            default:
                // RFC 8866 §5: a parser must reject a description with a type letter it does not understand.
                throw new SdpParseException($"unknown line type '{(type is >= 0x21 and < 0x7F ? ((char)type).ToString() : "\\x" + type.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))}='", lineNumber, offset - 2);
        }
    }

    private static SdpOrigin ParseOrigin(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        var rest = value;
        var user = Field(ref rest, value, "o= needs a user name", lineNumber, offset);
        var sessionId = Field(ref rest, value, "o= needs a session id", lineNumber, offset);
        foreach (var b in sessionId)
        {
            if ((uint)(b - '0') > 9)
            {
                throw new SdpParseException("o= session id must be numeric (RFC 8866 §5.2)", lineNumber, offset + Offset(value, sessionId));
            }
        }

        var version = Field(ref rest, value, "o= needs a session version", lineNumber, offset);
        if (!SdpGrammar.TryParseUInt(version, ulong.MaxValue, out var sessionVersion))
        {
            throw new SdpParseException("o= session version must be a number that fits 64 bits", lineNumber, offset + Offset(value, version));
        }

        var netType = Field(ref rest, value, "o= needs a network type", lineNumber, offset);
        var addrType = Field(ref rest, value, "o= needs an address type", lineNumber, offset);
        var address = Field(ref rest, value, "o= needs a unicast address", lineNumber, offset);
        NoMoreFields(rest, value, "o=", lineNumber, offset);
        var addrTypeText = DecodeAddressType(addrType);
        ValidateAddress(addrTypeText, address, lineNumber, offset + Offset(value, address));
        return new SdpOrigin(SdpText.Decode(user), SdpText.Decode(sessionId), sessionVersion, DecodeNetworkType(netType), addrTypeText, SdpText.Decode(address));
    }

    private static SdpConnection ParseConnection(ReadOnlySpan<byte> value, int lineNumber, int offset, string knownAddress)
    {
        var rest = value;
        var netType = Field(ref rest, value, "c= needs a network type", lineNumber, offset);
        var addrType = Field(ref rest, value, "c= needs an address type", lineNumber, offset);
        var address = Field(ref rest, value, "c= needs a connection address", lineNumber, offset);
        NoMoreFields(rest, value, "c=", lineNumber, offset);
        var addrTypeText = DecodeAddressType(addrType);
        int? ttl = null;
        int? count = null;
        var slash = address.IndexOf((byte)'/');
        var host = slash < 0 ? address : address[..slash];
        if (slash >= 0)
        {
            var suffix = address[(slash + 1)..];
            var slash2 = suffix.IndexOf((byte)'/');
            var first = slash2 < 0 ? suffix : suffix[..slash2];
            var suffixOffset = offset + Offset(value, address) + slash + 1;
            if (!SdpGrammar.TryParseUInt(first, int.MaxValue, out var a))
            {
                throw new SdpParseException("c= multicast TTL or address count must be a number", lineNumber, suffixOffset);
            }

            if (slash2 >= 0)
            {
                if (!SdpGrammar.TryParseUInt(suffix[(slash2 + 1)..], int.MaxValue, out var c))
                {
                    throw new SdpParseException("c= multicast address count must be a number", lineNumber, suffixOffset + slash2 + 1);
                }

                if (addrTypeText == "IP6")
                {
                    throw new SdpParseException("c= IP6 addresses take no TTL, only a count (RFC 8866 §5.7)", lineNumber, suffixOffset);
                }

                ttl = (int)a;
                count = (int)c;
            }
            else if (addrTypeText == "IP6")
            {
                count = (int)a;
            }
            else
            {
                ttl = (int)a;
            }

            if (ttl > 255)
            {
                throw new SdpParseException("c= multicast TTL must be 0..255", lineNumber, suffixOffset);
            }
        }

        ValidateAddress(addrTypeText, host, lineNumber, offset + Offset(value, address));
        // The c= address nearly always repeats the o= (or session c=) address: share that string.
        var hostText = IsSameAscii(host, knownAddress) ? knownAddress : SdpText.Decode(host);
        return new SdpConnection(DecodeNetworkType(netType), addrTypeText, hostText, ttl, count);
    }

    private static string DecodeNetworkType(ReadOnlySpan<byte> netType) =>
        netType.SequenceEqual("IN"u8) ? "IN" : SdpText.Decode(netType);

    private static string DecodeAddressType(ReadOnlySpan<byte> addrType) =>
        addrType.SequenceEqual("IP4"u8) ? "IP4" : addrType.SequenceEqual("IP6"u8) ? "IP6" : SdpText.Decode(addrType);

    private static void ValidateAddress(string addrType, ReadOnlySpan<byte> address, int lineNumber, int offset)
    {
        if (address.IsEmpty)
        {
            throw new SdpParseException("empty address", lineNumber, offset);
        }

        // Only literals are checked: RFC 8866 §5.7 also allows fully qualified domain names.
        if (addrType == "IP4" && address.IndexOfAnyExcept(Ipv4Chars) < 0)
        {
            if (!IsIpv4(address))
            {
                throw new SdpParseException("invalid IPv4 address", lineNumber, offset);
            }
        }
        else if (addrType == "IP6" && address.Contains((byte)':'))
        {
            Span<char> chars = stackalloc char[64];
            if (address.Length > 45 || !IPAddress.TryParse(Widen(address, chars), out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new SdpParseException("invalid IPv6 address", lineNumber, offset);
            }
        }
        else if (address.IndexOfAny(NonTokenBytes) is var i && i >= 0 && address[i] != (byte)':' && address[i] != (byte)'/')
        {
            throw new SdpParseException("invalid character in address", lineNumber, offset + i);
        }
    }

    private static bool IsSameAscii(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 8866 §9 IP4-address: four decimal octets 0..255 separated by dots.</summary>
    private static bool IsIpv4(ReadOnlySpan<byte> address)
    {
        for (var part = 0; part < 4; part++)
        {
            var dot = address.IndexOf((byte)'.');
            var octet = part == 3 ? address : dot < 0 ? default : address[..dot];
            if (octet.IsEmpty || octet.Length > 3 || !SdpGrammar.TryParseUInt(octet, 255, out _))
            {
                return false;
            }

            address = part == 3 ? default : address[(dot + 1)..];
        }

        return true;
    }

    private static ReadOnlySpan<char> Widen(ReadOnlySpan<byte> ascii, Span<char> buffer)
    {
        var n = Math.Min(ascii.Length, buffer.Length);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = (char)ascii[i];
        }

        return buffer[..n];
    }

    private static SdpBandwidth ParseBandwidth(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        var colon = value.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new SdpParseException("b= must be <bwtype>:<bandwidth>", lineNumber, offset);
        }

        var type = value[..colon];
        if (type.IndexOfAny(NonTokenBytes) is var bad && bad >= 0)
        {
            throw new SdpParseException("invalid character in bandwidth type", lineNumber, offset + bad);
        }

        if (!SdpGrammar.TryParseUInt(value[(colon + 1)..], ulong.MaxValue, out var bandwidth))
        {
            throw new SdpParseException("b= bandwidth must be a number", lineNumber, offset + colon + 1);
        }

        return new SdpBandwidth(SdpText.Decode(type), bandwidth);
    }

    private static SdpTiming ParseTiming(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        var rest = value;
        var start = Field(ref rest, value, "t= needs a start time", lineNumber, offset);
        var stop = Field(ref rest, value, "t= needs a stop time", lineNumber, offset);
        NoMoreFields(rest, value, "t=", lineNumber, offset);
        if (!SdpGrammar.TryParseUInt(start, ulong.MaxValue, out var startTime))
        {
            throw new SdpParseException("t= start time must be a number", lineNumber, offset);
        }

        if (!SdpGrammar.TryParseUInt(stop, ulong.MaxValue, out var stopTime))
        {
            throw new SdpParseException("t= stop time must be a number", lineNumber, offset + Offset(value, stop));
        }

        return new SdpTiming(startTime, stopTime);
    }

    private static void ValidateRepeat(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        // RFC 8866 §5.10: <repeat interval> <active duration> <offsets from start-time>, each a typed time.
        var rest = value;
        var fields = 0;
        while (NextField(ref rest, out var field))
        {
            fields++;
            if (!IsTypedTime(field, allowNegative: false))
            {
                throw new SdpParseException("r= fields must be times with an optional d/h/m/s unit", lineNumber, offset + Offset(value, field));
            }
        }

        if (fields < 3)
        {
            throw new SdpParseException("r= needs an interval, a duration and at least one offset", lineNumber, offset);
        }
    }

    private static void ValidateTimeZones(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        // RFC 8866 §5.11: pairs of <adjustment time> <offset>.
        var rest = value;
        var fields = 0;
        while (NextField(ref rest, out var field))
        {
            var ok = fields % 2 == 0 ? SdpGrammar.TryParseUInt(field, ulong.MaxValue, out _) : IsTypedTime(field, allowNegative: true);
            if (!ok)
            {
                throw new SdpParseException("z= must be pairs of <adjustment time> <offset>", lineNumber, offset + Offset(value, field));
            }

            fields++;
        }

        if (fields == 0 || fields % 2 != 0)
        {
            throw new SdpParseException("z= must be pairs of <adjustment time> <offset>", lineNumber, offset);
        }
    }

    private static bool IsTypedTime(ReadOnlySpan<byte> field, bool allowNegative)
    {
        if (allowNegative && !field.IsEmpty && field[0] == '-')
        {
            field = field[1..];
        }

        if (!field.IsEmpty && field[^1] is (byte)'d' or (byte)'h' or (byte)'m' or (byte)'s')
        {
            field = field[..^1];
        }

        return SdpGrammar.TryParseUInt(field, ulong.MaxValue, out _);
    }

    private static SdpAttribute ParseAttribute(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        // Attribute names are short: a scalar scan beats a vectorized search here.
        var colon = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == (byte)':')
            {
                colon = i;
                break;
            }
        }

        var name = colon < 0 ? value : value[..colon];
        if (name.IsEmpty)
        {
            throw new SdpParseException("a= needs an attribute name", lineNumber, offset);
        }

        var nameText = KnownAttributeName(name);
        if (nameText is null)
        {
            if (name.IndexOfAny(NonTokenBytes) is var bad && bad >= 0)
            {
                throw new SdpParseException("invalid character in attribute name", lineNumber, offset + bad);
            }

            nameText = SdpText.Decode(name);
        }

        if (colon < 0)
        {
            if (IsDirectionName(nameText))
            {
                return new SdpAttribute(nameText, null);
            }

            var reason = SdpGrammar.Validate(nameText, default, hasValue: false, out _);
            if (reason is not null)
            {
                throw new SdpParseException(reason, lineNumber, offset);
            }

            return new SdpAttribute(nameText, null);
        }

        var valueText = SdpText.Decode(value[(colon + 1)..], out var validRtpMap);
        if (validRtpMap && ReferenceEquals(nameText, "rtpmap"))
        {
            // A shared token that was validated once, when the table was built.
            return new SdpAttribute(nameText, valueText);
        }

        var error = SdpGrammar.Validate(nameText, valueText, hasValue: true, out var errorIndex);
        if (error is not null)
        {
            throw new SdpParseException(error, lineNumber, offset + colon + 1 + Math.Clamp(errorIndex, 0, value.Length - colon - 1));
        }

        return new SdpAttribute(nameText, valueText);
    }

    /// <summary>The interned name of the attributes nearly every telephony offer carries, or null.</summary>
    private static string? KnownAttributeName(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("fmtp"u8) => "fmtp",
        4 when name.SequenceEqual("ssrc"u8) => "ssrc",
        4 when name.SequenceEqual("rtcp"u8) => "rtcp",
        3 when name.SequenceEqual("mid"u8) => "mid",
        5 when name.SequenceEqual("ptime"u8) => "ptime",
        6 when name.SequenceEqual("rtpmap"u8) => "rtpmap",
        8 => name[0] switch
        {
            (byte)'s' when name.SequenceEqual("sendrecv"u8) => "sendrecv",
            (byte)'s' when name.SequenceEqual("sendonly"u8) => "sendonly",
            (byte)'r' when name.SequenceEqual("recvonly"u8) => "recvonly",
            (byte)'r' when name.SequenceEqual("rtcp-mux"u8) => "rtcp-mux",
            (byte)'i' when name.SequenceEqual("inactive"u8) => "inactive",
            (byte)'m' when name.SequenceEqual("maxptime"u8) => "maxptime",
            _ => null,
        },
        9 when name.SequenceEqual("candidate"u8) => "candidate",
        _ => null,
    };

    private static bool IsDirectionName(string name) =>
        ReferenceEquals(name, "sendrecv") || ReferenceEquals(name, "sendonly") || ReferenceEquals(name, "recvonly")
        || ReferenceEquals(name, "inactive") || ReferenceEquals(name, "rtcp-mux");

    private static MediaDescription ParseMedia(ReadOnlySpan<byte> value, int lineNumber, int offset)
    {
        var rest = value;
        var mediaType = Field(ref rest, value, "m= needs a media type", lineNumber, offset);
        if (mediaType.IndexOfAny(NonTokenBytes) is var bad && bad >= 0)
        {
            throw new SdpParseException("invalid character in media type", lineNumber, offset + bad);
        }

        var portField = Field(ref rest, value, "m= needs a port", lineNumber, offset);
        var slash = portField.IndexOf((byte)'/');
        var portOffset = offset + Offset(value, portField);
        if (!SdpGrammar.TryParseUInt(slash < 0 ? portField : portField[..slash], 65535, out var port))
        {
            throw new SdpParseException("m= port must be 0..65535", lineNumber, portOffset);
        }

        int? portCount = null;
        if (slash >= 0)
        {
            if (!SdpGrammar.TryParseUInt(portField[(slash + 1)..], 65535, out var n) || n == 0)
            {
                throw new SdpParseException("m= number of ports must be a positive number", lineNumber, portOffset + slash + 1);
            }

            portCount = (int)n;
        }

        var protocol = Field(ref rest, value, "m= needs a transport protocol", lineNumber, offset);
        var formats = new List<string>(8);
        while (NextField(ref rest, out var format))
        {
            formats.Add(SdpText.Decode(format));
        }

        if (formats.Count == 0)
        {
            throw new SdpParseException("m= needs at least one media format (RFC 8866 §5.14)", lineNumber, offset + value.Length);
        }

        var media = new MediaDescription
        {
            MediaType = mediaType.SequenceEqual("audio"u8) ? "audio" : SdpText.Decode(mediaType),
            Port = (int)port,
            PortCount = portCount,
            Protocol = protocol.SequenceEqual("RTP/AVP"u8) ? "RTP/AVP" : SdpText.Decode(protocol),
        };
        media.InitializeFormats(formats);
        return media;
    }

    private static ReadOnlySpan<byte> Field(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> whole, string missing, int lineNumber, int offset)
    {
        if (!NextField(ref rest, out var field))
        {
            throw new SdpParseException(missing, lineNumber, offset + whole.Length);
        }

        return field;
    }

    private static void NoMoreFields(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> whole, string line, int lineNumber, int offset)
    {
        var extra = rest.TrimStart((byte)' ');
        if (!extra.IsEmpty)
        {
            throw new SdpParseException($"unexpected extra field in '{line}'", lineNumber, offset + Offset(whole, extra));
        }
    }

    private static bool NextField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        rest = rest.TrimStart((byte)' ');
        if (rest.IsEmpty)
        {
            field = default;
            return false;
        }

        // Fields are short: a scalar scan beats a vectorized search here.
        var space = -1;
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == (byte)' ')
            {
                space = i;
                break;
            }
        }

        if (space < 0)
        {
            field = rest;
            rest = default;
        }
        else
        {
            field = rest[..space];
            rest = rest[(space + 1)..];
        }

        return true;
    }

    private static unsafe int Offset(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part)
    {
        fixed (byte* w = whole)
        fixed (byte* p = part)
        {
            var offset = (long)(p - w);
            return offset < 0 || offset > whole.Length ? 0 : (int)offset;
        }
    }

    private static void SessionOnly(MediaDescription? media, string line, int lineNumber, int offset)
    {
        if (media is not null)
        {
            throw new SdpParseException($"'{line}' is not allowed in a media description (RFC 8866 §5)", lineNumber, offset - 2);
        }
    }

    private static SdpParseException Duplicate(string line, int lineNumber, int offset) =>
        new($"'{line}' may appear only once here (RFC 8866 §5)", lineNumber, offset - 2);

    private static void ThrowInvalidUtf8(ReadOnlySpan<byte> input)
    {
        var i = 0;
        var line = 1;
        while (i < input.Length)
        {
            if (Rune.DecodeFromUtf8(input[i..], out _, out var consumed) != OperationStatus.Done)
            {
                throw new SdpParseException("invalid UTF-8 (RFC 8866 §5: text is UTF-8 unless a=charset says otherwise)", line, i);
            }

            if (input[i] == '\n')
            {
                line++;
            }

            i += Math.Max(consumed, 1);
        }

        throw new SdpParseException("invalid UTF-8", line, input.Length);
    }

    private struct State
    {
        public SessionDescription? Description;
        public MediaDescription? CurrentMedia;
        public bool HasSessionName;

        public readonly SessionDescription Finish(int lineNumber, int length)
        {
            if (Description is null)
            {
                throw new SdpParseException("'o=' is required (RFC 8866 §5.2)", lineNumber, length);
            }

            if (!HasSessionName)
            {
                throw new SdpParseException("'s=' is required (RFC 8866 §5.3)", lineNumber, length);
            }

            if (Description.TimingList is not { Count: > 0 })
            {
                throw new SdpParseException("'t=' is required (RFC 8866 §5.9)", lineNumber, length);
            }

            return Description;
        }
    }
}
