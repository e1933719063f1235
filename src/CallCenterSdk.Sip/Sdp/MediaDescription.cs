using System.Globalization;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// One media description: an <c>m=</c> line and the <c>i=</c>, <c>c=</c>, <c>b=</c>, <c>k=</c> and <c>a=</c>
/// lines that follow it (RFC 8866 §5.14). Typed views (<see cref="RtpMaps"/>, <see cref="Ptime"/>, ...) read
/// the attribute list, which stays the single source of truth so unknown attributes keep their order.
/// </summary>
public sealed class MediaDescription
{
    private List<string>? _formats;
    private List<SdpConnection>? _connections;
    private List<SdpBandwidth>? _bandwidths;
    private SdpAttributeList? _attributes;

    /// <summary>Creates an empty media description; set the properties before serializing.</summary>
    public MediaDescription()
    {
    }

    /// <summary>Creates a media description with the fields of the m-line.</summary>
    /// <param name="mediaType"><c>audio</c>, <c>video</c>, <c>image</c>, <c>application</c>, ...</param>
    /// <param name="port">Transport port; 0 rejects or disables the stream (RFC 3264 §5.1).</param>
    /// <param name="protocol">Transport protocol, such as <c>RTP/AVP</c>.</param>
    /// <param name="formats">The media formats (payload types for RTP), in preference order.</param>
    public MediaDescription(string mediaType, int port, string protocol, IEnumerable<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        MediaType = mediaType;
        Port = port;
        Protocol = protocol;
        _formats = [.. formats];
    }

    /// <summary>The media type: <c>audio</c>, <c>video</c>, <c>text</c>, <c>application</c>, <c>message</c>, <c>image</c>.</summary>
    public string MediaType { get; set; } = "audio";

    /// <summary>The transport port. 0 means the stream is rejected or disabled.</summary>
    public int Port { get; set; }

    /// <summary>The number of ports (<c>m=video 49170/2 ...</c>), or null when the m-line has none.</summary>
    public int? PortCount { get; set; }

    /// <summary>The transport protocol (<c>RTP/AVP</c>, <c>RTP/SAVP</c>, <c>UDP/TLS/RTP/SAVPF</c>, <c>udptl</c>, ...).</summary>
    public string Protocol { get; set; } = "RTP/AVP";

    /// <summary>The media formats of the m-line, in order (payload type numbers for RTP).</summary>
    public IList<string> Formats => _formats ??= [];

    /// <summary>The <c>i=</c> media title, or null.</summary>
    public string? Information { get; set; }

    /// <summary>The <c>c=</c> lines of this media (more than one only for multicast); empty when the session's applies.</summary>
    public IList<SdpConnection> Connections => _connections ??= [];

    /// <summary>The <c>b=</c> lines of this media.</summary>
    public IList<SdpBandwidth> Bandwidths => _bandwidths ??= [];

    /// <summary>The obsolete <c>k=</c> value (RFC 8866 §5.12), kept verbatim, or null.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The <c>a=</c> lines of this media, in order.</summary>
    public SdpAttributeList Attributes => _attributes ??= [];

    /// <summary>The first <c>c=</c> line of this media, or null.</summary>
    public SdpConnection? Connection
    {
        get => _connections is { Count: > 0 } ? _connections[0] : null;
        set
        {
            Connections.Clear();
            if (value is not null)
            {
                Connections.Add(value);
            }
        }
    }

    /// <summary>The media-level direction attribute, or null when absent (then the session's or sendrecv applies).</summary>
    public SdpDirection? Direction
    {
        get => _attributes?.Direction;
        set => Attributes.Direction = value;
    }

    /// <summary>The valid <c>a=rtpmap</c> values, in order.</summary>
    public IReadOnlyList<SdpRtpMap> RtpMaps => RtpMapList();

    /// <summary>The valid <c>a=fmtp</c> values, in order.</summary>
    public IReadOnlyList<SdpFormatParameters> FormatParameters => FormatParameterList();

    // As lists, so the negotiation's loops over them use List's struct enumerator (an interface foreach boxes one per loop).
    internal List<SdpRtpMap> RtpMapList() => Typed<SdpRtpMap>("rtpmap", SdpRtpMap.TryParse);

    internal List<SdpFormatParameters> FormatParameterList() => Typed<SdpFormatParameters>("fmtp", SdpFormatParameters.TryParse);

    /// <summary>The <c>a=ssrc</c> values, in order.</summary>
    public IReadOnlyList<SdpSsrc> Ssrcs => Typed<SdpSsrc>("ssrc", SdpSsrc.TryParse);

    /// <summary>The ICE <c>a=candidate</c> values, in order.</summary>
    public IReadOnlyList<SdpCandidate> Candidates => Typed<SdpCandidate>("candidate", SdpCandidate.TryParse);

    /// <summary>The SDES <c>a=crypto</c> values, in order.</summary>
    public IReadOnlyList<SdpCrypto> Cryptos => Typed<SdpCrypto>("crypto", SdpCrypto.TryParse);

    /// <summary>The <c>a=ptime</c> packet time in milliseconds, or null.</summary>
    public double? Ptime
    {
        get => PacketTime("ptime");
        set => SetPacketTime("ptime", value);
    }

    /// <summary>The <c>a=maxptime</c> in milliseconds, or null.</summary>
    public double? MaxPtime
    {
        get => PacketTime("maxptime");
        set => SetPacketTime("maxptime", value);
    }

    /// <summary>The <c>a=rtcp</c> value (RFC 3605), or null.</summary>
    public SdpRtcp? Rtcp
    {
        get => _attributes?.GetValue("rtcp") is { } v && SdpRtcp.TryParse(v, out var r) ? r : null;
        set
        {
            if (value is { } rtcp)
            {
                Attributes.Set("rtcp", rtcp.ToString());
            }
            else
            {
                _attributes?.RemoveAll("rtcp");
            }
        }
    }

    /// <summary>True when <c>a=rtcp-mux</c> (RFC 5761) is present.</summary>
    public bool RtcpMux
    {
        get => _attributes?.Contains("rtcp-mux") ?? false;
        set
        {
            if (value && !RtcpMux)
            {
                Attributes.Add(new SdpAttribute("rtcp-mux"));
            }
            else if (!value)
            {
                _attributes?.RemoveAll("rtcp-mux");
            }
        }
    }

    /// <summary>The <c>a=mid</c> identification tag (RFC 5888), or null.</summary>
    public string? Mid
    {
        get => _attributes?.GetValue("mid");
        set
        {
            if (value is null)
            {
                _attributes?.RemoveAll("mid");
            }
            else
            {
                Attributes.Set("mid", value);
            }
        }
    }

    /// <summary>True when the stream is rejected or disabled (port 0, RFC 3264 §5.1).</summary>
    public bool IsRejected => Port == 0;

    /// <summary>True when the protocol carries RTP (its name contains <c>RTP/</c>).</summary>
    public bool IsRtp => Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The RTP codecs of this media in m-line order: each numeric format joined with its <c>a=rtpmap</c>
    /// (or the RFC 3551 static table) and its <c>a=fmtp</c>, wherever those lines appear. Dynamic formats
    /// without an rtpmap are left out because nothing says what they are.
    /// </summary>
    public IReadOnlyList<SdpCodec> GetCodecs()
    {
        if (!IsRtp || _formats is null)
        {
            return [];
        }

        var rtpMaps = RtpMapList();
        var fmtps = FormatParameterList();
        var codecs = new List<SdpCodec>(_formats.Count);
        foreach (var format in _formats)
        {
            if (!SdpGrammar.TryParseInt(format, 127, out var pt))
            {
                continue;
            }

            SdpCodec? codec = null;
            foreach (var map in rtpMaps)
            {
                if (map.PayloadType == pt)
                {
                    codec = new SdpCodec(pt, map.EncodingName, map.ClockRate, map.Channels);
                    break;
                }
            }

            codec ??= StaticPayloadTypes.Lookup(pt);
            if (codec is null)
            {
                continue;
            }

            string? parameters = null;
            foreach (var fmtp in fmtps)
            {
                if (string.Equals(fmtp.Format, format, StringComparison.Ordinal))
                {
                    parameters = fmtp.Parameters;
                    break;
                }
            }

            codecs.Add(codec with { FormatParameters = parameters });
        }

        return codecs;
    }

    /// <summary>Adds a codec: its format on the m-line, its <c>a=rtpmap</c> and, if it has parameters, its <c>a=fmtp</c>.</summary>
    public void AddCodec(SdpCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var format = codec.PayloadType.ToString(CultureInfo.InvariantCulture);
        Formats.Add(format);
        Attributes.Add(new SdpAttribute("rtpmap", codec.ToRtpMapValue()));
        if (!string.IsNullOrEmpty(codec.FormatParameters))
        {
            Attributes.Add(new SdpAttribute("fmtp", format + " " + codec.FormatParameters));
        }
    }

    /// <summary>A deep copy.</summary>
    public MediaDescription Clone()
    {
        var copy = new MediaDescription
        {
            MediaType = MediaType,
            Port = Port,
            PortCount = PortCount,
            Protocol = Protocol,
            Information = Information,
            EncryptionKey = EncryptionKey,
        };
        if (_formats is not null)
        {
            copy._formats = [.. _formats];
        }

        if (_connections is not null)
        {
            copy._connections = [.. _connections];
        }

        if (_bandwidths is not null)
        {
            copy._bandwidths = [.. _bandwidths];
        }

        if (_attributes is not null)
        {
            foreach (var attribute in _attributes)
            {
                copy.Attributes.Add(attribute);
            }
        }

        return copy;
    }

    internal List<string>? FormatList => _formats;

    internal List<SdpConnection>? ConnectionList => _connections;

    internal List<SdpBandwidth>? BandwidthList => _bandwidths;

    internal SdpAttributeList? AttributeList => _attributes;

    internal void InitializeFormats(List<string> formats) => _formats = formats;

    private delegate bool TryParser<T>(string value, out T result);

    private List<T> Typed<T>(string name, TryParser<T> parse)
    {
        if (_attributes is null)
        {
            return [];
        }

        List<T>? list = null;
        foreach (var attribute in _attributes)
        {
            if (attribute.Value is not null && string.Equals(attribute.Name, name, StringComparison.Ordinal) && parse(attribute.Value, out var item))
            {
                (list ??= []).Add(item);
            }
        }

        return list ?? [];
    }

    private double? PacketTime(string name) =>
        _attributes?.GetValue(name) is { } v && SdpGrammar.TryParsePacketTime(v, out var ms) ? ms : null;

    private void SetPacketTime(string name, double? value)
    {
        if (value is { } ms)
        {
            Attributes.Set(name, ms.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            _attributes?.RemoveAll(name);
        }
    }
}
