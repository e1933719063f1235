using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// An SDP session description (RFC 8866): the session-level lines and the media descriptions.
/// Parse one with <see cref="Parse(ReadOnlySpan{byte})"/>, build one in code, and write it with
/// <see cref="WriteTo(IBufferWriter{byte})"/> or <see cref="ToArray"/>. Serialization writes the lines in the
/// order of RFC 8866 §5 with CRLF line ends; attributes keep their order.
/// </summary>
public sealed class SessionDescription
{
    private List<string>? _emails;
    private List<string>? _phones;
    private List<SdpBandwidth>? _bandwidths;
    private List<SdpTiming>? _timings;
    private SdpAttributeList? _attributes;
    private List<MediaDescription>? _media;

    /// <summary>Creates a description with the given origin; other fields take their defaults (<c>s=-</c>, no timing).</summary>
    public SessionDescription(SdpOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>The <c>v=</c> protocol version; RFC 8866 defines only 0.</summary>
    public const int ProtocolVersion = 0;

    /// <summary>The <c>o=</c> line.</summary>
    public SdpOrigin Origin { get; set; }

    /// <summary>The <c>s=</c> session name (<c>-</c> when there is none to give, RFC 8866 §5.3).</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>The <c>i=</c> session information, or null.</summary>
    public string? Information { get; set; }

    /// <summary>The <c>u=</c> URI, or null.</summary>
    public string? Uri { get; set; }

    /// <summary>The <c>e=</c> email addresses, verbatim.</summary>
    public IList<string> Emails => _emails ??= [];

    /// <summary>The <c>p=</c> phone numbers, verbatim.</summary>
    public IList<string> Phones => _phones ??= [];

    /// <summary>The session-level <c>c=</c> line, or null when every media has its own.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The session-level <c>b=</c> lines.</summary>
    public IList<SdpBandwidth> Bandwidths => _bandwidths ??= [];

    /// <summary>The <c>t=</c> lines, each with its <c>r=</c> lines. SIP uses a single <c>t=0 0</c>.</summary>
    public IList<SdpTiming> Timings => _timings ??= [];

    /// <summary>The <c>z=</c> time-zone adjustments, verbatim, or null.</summary>
    public string? TimeZones { get; set; }

    /// <summary>The obsolete session-level <c>k=</c> value, verbatim, or null.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The session-level <c>a=</c> lines, in order.</summary>
    public SdpAttributeList Attributes => _attributes ??= [];

    /// <summary>The media descriptions (<c>m=</c> sections), in order.</summary>
    public IList<MediaDescription> Media => _media ??= [];

    /// <summary>The session-level direction attribute, or null when absent.</summary>
    public SdpDirection? Direction
    {
        get => _attributes?.Direction;
        set => Attributes.Direction = value;
    }

    /// <summary>
    /// Parses a session description (RFC 8866). CRLF and bare LF line ends are accepted; text must be UTF-8.
    /// </summary>
    /// <exception cref="SdpParseException">The description is malformed; the only exception this method throws.</exception>
    public static SessionDescription Parse(ReadOnlySpan<byte> sdp) => SdpParser.Parse(sdp);

    /// <summary>Parses a session description; returns false (and the error) instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> sdp, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out SdpParseException? error)
    {
        try
        {
            description = SdpParser.Parse(sdp);
            error = null;
            return true;
        }
        catch (SdpParseException e)
        {
            description = null;
            error = e;
            return false;
        }
    }

    /// <summary>Writes the description into <paramref name="writer"/> (UTF-8, CRLF line ends) without allocating.</summary>
    /// <exception cref="InvalidOperationException">A field holds a value that cannot be written (for example a line break).</exception>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SdpSerializer.Write(this, writer);
    }

    /// <summary>The serialized description as a new byte array.</summary>
    public byte[] ToArray()
    {
        var writer = new ArrayBufferWriter<byte>(256);
        SdpSerializer.Write(this, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The serialized description as text.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ToArray());

    /// <summary>
    /// True when both describe the same session: equal after serialization, which normalizes line ends,
    /// spacing and the order of line types while keeping the order of attributes and media.
    /// </summary>
    public bool ContentEquals(SessionDescription other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ToArray().AsSpan().SequenceEqual(other.ToArray());
    }

    /// <summary>
    /// The direction that applies to a media description: its own attribute, else the session's, else
    /// sendrecv (RFC 8866 §6.7).
    /// </summary>
    public SdpDirection DirectionOf(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendReceive;
    }

    /// <summary>The connection that applies to a media description: its own first <c>c=</c>, else the session's.</summary>
    public SdpConnection? ConnectionOf(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>A deep copy.</summary>
    public SessionDescription Clone()
    {
        var copy = new SessionDescription(Origin)
        {
            SessionName = SessionName,
            Information = Information,
            Uri = Uri,
            Connection = Connection,
            TimeZones = TimeZones,
            EncryptionKey = EncryptionKey,
        };
        if (_emails is not null)
        {
            copy._emails = [.. _emails];
        }

        if (_phones is not null)
        {
            copy._phones = [.. _phones];
        }

        if (_bandwidths is not null)
        {
            copy._bandwidths = [.. _bandwidths];
        }

        if (_timings is not null)
        {
            foreach (var timing in _timings)
            {
                var t = new SdpTiming(timing.StartTime, timing.StopTime);
                for (var i = 0; i < timing.RepeatCount; i++)
                {
                    t.Repeats.Add(timing.Repeats[i]);
                }

                copy.Timings.Add(t);
            }
        }

        if (_attributes is not null)
        {
            foreach (var attribute in _attributes)
            {
                copy.Attributes.Add(attribute);
            }
        }

        if (_media is not null)
        {
            foreach (var media in _media)
            {
                copy.Media.Add(media.Clone());
            }
        }

        return copy;
    }

    internal List<string>? EmailList => _emails;

    internal List<string>? PhoneList => _phones;

    internal List<SdpBandwidth>? BandwidthList => _bandwidths;

    internal List<SdpTiming>? TimingList => _timings;

    internal SdpAttributeList? AttributeList => _attributes;

    internal List<MediaDescription>? MediaList => _media;

    /// <summary>Parser fast path: SIP descriptions carry a single <c>t=</c>, so the list starts with room for one.</summary>
    internal void AddTiming(SdpTiming timing) => (_timings ??= new List<SdpTiming>(1)).Add(timing);

    /// <summary>Parser fast path: most descriptions carry one or two m-lines.</summary>
    internal void AddMedia(MediaDescription media) => (_media ??= new List<MediaDescription>(2)).Add(media);
}
