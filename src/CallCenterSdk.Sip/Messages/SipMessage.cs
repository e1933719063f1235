using System.Buffers;
using System.Globalization;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Serialization;

namespace CallCenterSdk.Sip.Messages;

/// <summary>
/// A parsed SIP message (RFC 3261 §7): start line, an index of header lines over the received bytes, and the body.
/// Parsing indexes every header and reads the ones transactions and dialogs match on (Via branch, From/To tags,
/// Call-ID, CSeq); every other typed accessor parses its header on first use and caches the result, throwing
/// <see cref="SipParseException"/> if that header is malformed. <see cref="Validate"/> parses them all at once.
/// A message is immutable; build changed copies with <c>SipMessageBuilder</c>.
/// </summary>
public abstract class SipMessage
{
    private const int CacheSlots = 40;
    private const int SlotCallId = 36;
    private const int SlotRequestUri = 37;
    private const int SlotReason = 38;

    private readonly ReadOnlyMemory<byte> _buffer;
    private HeaderEntryBuffer _inline;
    private HeaderEntry[]? _overflow;
    private object?[]? _cache;

    internal SipMessage(ReadOnlyMemory<byte> buffer, int start)
    {
        _buffer = buffer;
        Start = start;
        CallIdSegment = Segment.None;
        FromTagSegment = Segment.None;
        ToTagSegment = Segment.None;
        BranchSegment = Segment.None;
        MaxForwardsValue = -1;
        ContentLengthValue = -1;
    }

    internal ReadOnlySpan<byte> Buffer => _buffer.Span;

    internal ReadOnlyMemory<byte> BufferMemory => _buffer;

    internal int Start { get; }

    internal int HeaderCount { get; private set; }

    internal int BodyStart { get; set; }

    internal int BodyLength { get; set; }

    internal Segment CallIdSegment { get; set; }

    internal Segment FromTagSegment { get; set; }

    internal Segment ToTagSegment { get; set; }

    internal Segment BranchSegment { get; set; }

    internal uint CSeqNumberValue { get; set; }

    internal SipMethod CSeqMethodValue { get; set; }

    internal int MaxForwardsValue { get; set; }

    internal int ContentLengthValue { get; set; }

    /// <summary>Whether this is a request.</summary>
    public abstract bool IsRequest { get; }

    /// <summary>The whole message as received: start line, headers, empty line and body (no trailing datagram octets).</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer[Start..(BodyStart + BodyLength)];

    /// <summary>The header lines in order.</summary>
    public HeaderFieldList Headers => new(this);

    /// <summary>The body (Content-Length bytes), possibly empty. Multipart and binary bodies are kept intact.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.Slice(BodyStart, BodyLength);

    /// <summary>The Call-ID bytes (parsed eagerly, no allocation).</summary>
    public ReadOnlySpan<byte> CallIdBytes => CallIdSegment.Of(Buffer);

    /// <summary>The From tag bytes, empty when From has no tag (RFC 2543 peers).</summary>
    public ReadOnlySpan<byte> FromTagBytes => FromTagSegment.Of(Buffer);

    /// <summary>The To tag bytes, empty outside a dialog.</summary>
    public ReadOnlySpan<byte> ToTagBytes => ToTagSegment.Of(Buffer);

    /// <summary>The branch of the topmost Via, empty when absent. Transaction matching key (RFC 3261 §17.1.3, §17.2.3).</summary>
    public ReadOnlySpan<byte> TopViaBranchBytes => BranchSegment.Of(Buffer);

    /// <summary>The CSeq (parsed eagerly, no allocation for the well-known methods).</summary>
    public CSeqHeader CSeq => new(CSeqNumberValue, CSeqMethodValue);

    /// <summary>The Call-ID.</summary>
    public string CallId => GetCached(SlotCallId, static m => SipText.Utf8(m.CallIdBytes));

    /// <summary>The From tag, or null.</summary>
    public string? FromTag => FromTagSegment.IsPresent ? SipText.Utf8(FromTagBytes) : null;

    /// <summary>The To tag, or null.</summary>
    public string? ToTag => ToTagSegment.IsPresent ? SipText.Utf8(ToTagBytes) : null;

    /// <summary>Max-Forwards (0-255), or null when absent.</summary>
    public int? MaxForwards => MaxForwardsValue < 0 ? null : MaxForwardsValue;

    /// <summary>The Content-Length header value, or null when absent (allowed on UDP, §18.3).</summary>
    public int? ContentLength => ContentLengthValue < 0 ? null : ContentLengthValue;

    /// <summary>Every Via value, topmost first, across repeated and comma-separated headers.</summary>
    public IReadOnlyList<ViaHeader> Vias => GetCached((int)HeaderKind.Via, static m => m.ReadList<ViaHeader>(HeaderKind.Via, static (ref SipValueReader r, List<ViaHeader> l) =>
    {
        do
        {
            l.Add(ViaHeader.Read(ref r));
        }
        while (r.TrySkip((byte)','));
        r.ExpectEnd("Via");
    }));

    /// <summary>The topmost Via.</summary>
    public ViaHeader TopVia => Vias[0];

    /// <summary>From.</summary>
    public NameAddress From => GetCached((int)HeaderKind.From, static m => m.ReadSingle(HeaderKind.From, ReadOneAddress, "From")!);

    /// <summary>To.</summary>
    public NameAddress To => GetCached((int)HeaderKind.To, static m => m.ReadSingle(HeaderKind.To, ReadOneAddress, "To")!);

    /// <summary>Contact values across headers; empty when absent or when the value is <c>*</c> (see <see cref="IsContactWildcard"/>).</summary>
    public IReadOnlyList<NameAddress> Contacts => GetCached((int)HeaderKind.Contact, static m => m.IsContactWildcard ? [] : m.ReadList<NameAddress>(HeaderKind.Contact, NameAddress.ReadList));

    /// <summary>Whether Contact is <c>*</c> (REGISTER removing all bindings, RFC 3261 §10.2.2).</summary>
    public bool IsContactWildcard
    {
        get
        {
            var i = IndexOf(HeaderKind.Contact, 0);
            return i >= 0 && new HeaderField(this, i).RawValue.SequenceEqual("*"u8);
        }
    }

    /// <summary>Route values in order.</summary>
    public IReadOnlyList<NameAddress> Routes => GetCached((int)HeaderKind.Route, static m => m.ReadList<NameAddress>(HeaderKind.Route, NameAddress.ReadList));

    /// <summary>Record-Route values in order.</summary>
    public IReadOnlyList<NameAddress> RecordRoutes => GetCached((int)HeaderKind.RecordRoute, static m => m.ReadList<NameAddress>(HeaderKind.RecordRoute, NameAddress.ReadList));

    /// <summary>Content-Type, or null.</summary>
    public MediaType? ContentType => GetCachedOrNull((int)HeaderKind.ContentType, static m => m.ReadSingle(HeaderKind.ContentType, MediaType.Read, "Content-Type"));

    /// <summary>Expires in seconds, or null.</summary>
    public uint? Expires
    {
        get
        {
            var v = GetCachedOrNull((int)HeaderKind.Expires, static m => m.ReadSingle(HeaderKind.Expires, static (ref SipValueReader r) =>
            {
                r.SkipLws();
                var value = r.ReadUInt32("Expires");
                r.ExpectEnd("Expires");
                return (object)value;
            }, "Expires"));
            return v is null ? null : (uint)v;
        }
    }

    /// <summary>Supported option tags.</summary>
    public IReadOnlyList<string> Supported => GetTokens(HeaderKind.Supported, allowEmpty: true);

    /// <summary>Require option tags.</summary>
    public IReadOnlyList<string> Require => GetTokens(HeaderKind.Require, allowEmpty: false);

    /// <summary>Proxy-Require option tags.</summary>
    public IReadOnlyList<string> ProxyRequire => GetTokens(HeaderKind.ProxyRequire, allowEmpty: false);

    /// <summary>Allow-Events packages.</summary>
    public IReadOnlyList<string> AllowEvents => GetTokens(HeaderKind.AllowEvents, allowEmpty: false);

    /// <summary>Allowed methods (across repeated Allow headers).</summary>
    public IReadOnlyList<SipMethod> Allow => GetCached((int)HeaderKind.Allow, static m => m.GetTokens(HeaderKind.Allow, allowEmpty: true).Select(t => new SipMethod(t)).ToArray());

    /// <summary>Authorization credentials, one per header.</summary>
    public IReadOnlyList<AuthenticationHeader> Authorization => GetAuthentication(HeaderKind.Authorization);

    /// <summary>Proxy-Authorization credentials, one per header.</summary>
    public IReadOnlyList<AuthenticationHeader> ProxyAuthorization => GetAuthentication(HeaderKind.ProxyAuthorization);

    /// <summary>WWW-Authenticate challenges, one per header.</summary>
    public IReadOnlyList<AuthenticationHeader> WwwAuthenticate => GetAuthentication(HeaderKind.WwwAuthenticate);

    /// <summary>Proxy-Authenticate challenges, one per header.</summary>
    public IReadOnlyList<AuthenticationHeader> ProxyAuthenticate => GetAuthentication(HeaderKind.ProxyAuthenticate);

    /// <summary>Event, or null.</summary>
    public EventHeader? Event => GetCachedOrNull((int)HeaderKind.Event, static m => m.ReadSingle(HeaderKind.Event, EventHeader.Read, "Event"));

    /// <summary>Subscription-State, or null.</summary>
    public SubscriptionStateHeader? SubscriptionState =>
        GetCachedOrNull((int)HeaderKind.SubscriptionState, static m => m.ReadSingle(HeaderKind.SubscriptionState, SubscriptionStateHeader.Read, "Subscription-State"));

    /// <summary>Refer-To, or null.</summary>
    public NameAddress? ReferTo => GetCachedOrNull((int)HeaderKind.ReferTo, static m => m.ReadSingle(HeaderKind.ReferTo, ReadOneAddress, "Refer-To"));

    /// <summary>Referred-By, or null.</summary>
    public NameAddress? ReferredBy => GetCachedOrNull((int)HeaderKind.ReferredBy, static m => m.ReadSingle(HeaderKind.ReferredBy, ReadOneAddress, "Referred-By"));

    /// <summary>Replaces, or null.</summary>
    public ReplacesHeader? Replaces => GetCachedOrNull((int)HeaderKind.Replaces, static m => m.ReadSingle(HeaderKind.Replaces, ReplacesHeader.Read, "Replaces"));

    /// <summary>Session-Expires, or null.</summary>
    public SessionExpiresHeader? SessionExpires =>
        GetCachedOrNull((int)HeaderKind.SessionExpires, static m => m.ReadSingle(HeaderKind.SessionExpires, SessionExpiresHeader.Read, "Session-Expires"));

    /// <summary>Reason values (RFC 3326).</summary>
    public IReadOnlyList<ReasonHeader> Reasons => GetCached((int)HeaderKind.Reason, static m => m.ReadList<ReasonHeader>(HeaderKind.Reason, ReasonHeader.ReadList));

    /// <summary>User-Agent text (unfolded), or null.</summary>
    public string? UserAgent => Headers[HeaderNames.GetName(HeaderKind.UserAgent)];

    /// <summary>Server text (unfolded), or null.</summary>
    public string? Server => Headers[HeaderNames.GetName(HeaderKind.Server)];

    /// <summary>Subject text (unfolded), or null.</summary>
    public string? Subject => Headers[HeaderNames.GetName(HeaderKind.Subject)];

    /// <summary>The Date header (RFC 3261 §20.17: RFC 1123 form, GMT only), or null.</summary>
    public DateTimeOffset? Date
    {
        get
        {
            var v = GetCachedOrNull((int)HeaderKind.Date, static m => m.ReadSingle(HeaderKind.Date, static (ref SipValueReader r) =>
            {
                var text = SipText.Unfold(r.Buffer[r.Position..r.End]).Trim();
                if (!DateTimeOffset.TryParseExact(text, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    r.Fail("Date must be an RFC 1123 date in GMT");
                }

                r.Position = r.End;
                return (object)date;
            }, "Date"));
            return v is null ? null : (DateTimeOffset)v;
        }
    }

    /// <summary>
    /// Parses every header this SDK knows, throwing the first <see cref="SipParseException"/>. An element that wants
    /// to reject any malformed known header with 400 before acting calls this once.
    /// </summary>
    public virtual void Validate()
    {
        _ = Vias;
        _ = From;
        _ = To;
        _ = Contacts;
        _ = Routes;
        _ = RecordRoutes;
        _ = ContentType;
        _ = Expires;
        _ = Supported;
        _ = Require;
        _ = ProxyRequire;
        _ = Allow;
        _ = AllowEvents;
        _ = Authorization;
        _ = ProxyAuthorization;
        _ = WwwAuthenticate;
        _ = ProxyAuthenticate;
        _ = Event;
        _ = SubscriptionState;
        _ = ReferTo;
        _ = ReferredBy;
        _ = Replaces;
        _ = SessionExpires;
        _ = Reasons;
        _ = Date;
    }

    /// <summary>
    /// Writes the message in canonical form (RFC 3261 §7): long header names, folds unfolded, <c>Name: value</c>,
    /// a Content-Length that matches the body. Does not allocate.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    public void WriteTo(IBufferWriter<byte> writer) => SipMessageWriter.Write(this, writer);

    /// <summary>The canonical wire form as a new array.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray()
    {
        var w = new ArrayBufferWriter<byte>(_buffer.Length + 64);
        WriteTo(w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>The canonical wire form as text (bodies decoded as UTF-8), for logs and debugging.</summary>
    /// <returns>The message text.</returns>
    public override string ToString() => SipText.Utf8(ToArray());

    internal abstract int WriteStartLine(Span<byte> destination);

    internal abstract int StartLineLength { get; }

    internal ref readonly HeaderEntry GetEntry(int index) =>
        ref index < HeaderEntryBuffer.Capacity ? ref _inline[index] : ref _overflow![index - HeaderEntryBuffer.Capacity];

    internal void AddHeader(in HeaderEntry entry)
    {
        var n = HeaderCount;
        if (n < HeaderEntryBuffer.Capacity)
        {
            _inline[n] = entry;
        }
        else
        {
            var i = n - HeaderEntryBuffer.Capacity;
            if (_overflow is null || i == _overflow.Length)
            {
                Array.Resize(ref _overflow, _overflow is null ? 16 : _overflow.Length * 2);
            }

            _overflow[i] = entry;
        }

        HeaderCount = n + 1;
    }

    internal int IndexOf(HeaderKind kind, int from)
    {
        for (var i = from; i < HeaderCount; i++)
        {
            if (GetEntry(i).Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    internal int Count(HeaderKind kind)
    {
        var n = 0;
        for (var i = 0; i < HeaderCount; i++)
        {
            if (GetEntry(i).Kind == kind)
            {
                n++;
            }
        }

        return n;
    }

    internal SipValueReader ReaderFor(int index)
    {
        ref readonly var e = ref GetEntry(index);
        return new SipValueReader(Buffer, e.ValueStart, e.ValueStart + e.ValueLength);
    }

    internal delegate T ValueReader<T>(ref SipValueReader reader);

    internal delegate void ListReader<T>(ref SipValueReader reader, List<T> into);

    private static NameAddress ReadOneAddress(ref SipValueReader r)
    {
        var a = NameAddress.Read(ref r);
        r.ExpectEnd("address");
        return a;
    }

    private T? ReadSingle<T>(HeaderKind kind, ValueReader<T> read, string name)
    {
        var i = IndexOf(kind, 0);
        if (i < 0)
        {
            return default;
        }

        if (IndexOf(kind, i + 1) >= 0)
        {
            throw new SipParseException($"multiple {name} headers", GetEntry(IndexOf(kind, i + 1)).NameStart);
        }

        var r = ReaderFor(i);
        return read(ref r);
    }

    private T[] ReadList<T>(HeaderKind kind, ListReader<T> read)
    {
        var list = new List<T>();
        for (var i = IndexOf(kind, 0); i >= 0; i = IndexOf(kind, i + 1))
        {
            var r = ReaderFor(i);
            read(ref r, list);
        }

        return [.. list];
    }

    private string[] GetTokens(HeaderKind kind, bool allowEmpty) =>
        GetCached((int)kind, m => m.ReadList<string>(kind, (ref SipValueReader r, List<string> l) =>
        {
            r.SkipLws();
            if (r.AtEnd)
            {
                if (!allowEmpty)
                {
                    r.Fail($"empty {HeaderNames.GetName(kind)}");
                }

                return;
            }

            do
            {
                l.Add(r.GetString(r.ReadToken(HeaderNames.GetName(kind) + " value")));
            }
            while (r.TrySkip((byte)','));
            r.ExpectEnd(HeaderNames.GetName(kind));
        }));

    private AuthenticationHeader[] GetAuthentication(HeaderKind kind) =>
        GetCached((int)kind, m => m.ReadList<AuthenticationHeader>(kind, static (ref SipValueReader r, List<AuthenticationHeader> l) => l.Add(AuthenticationHeader.Read(ref r))));

    private protected T GetCached<T>(int slot, Func<SipMessage, T> factory)
        where T : class
    {
        var cache = _cache ?? Interlocked.CompareExchange(ref _cache, new object?[CacheSlots], null) ?? _cache;
        if (cache[slot] is T cached)
        {
            return cached;
        }

        var value = factory(this);
        cache[slot] = value;
        return value;
    }

    private protected T? GetCachedOrNull<T>(int slot, Func<SipMessage, T?> factory)
        where T : class
    {
        var cache = _cache ?? Interlocked.CompareExchange(ref _cache, new object?[CacheSlots], null) ?? _cache;
        if (cache[slot] is T cached)
        {
            return cached;
        }

        var value = factory(this);
        cache[slot] = value;
        return value;
    }

    private protected static int RequestUriSlot => SlotRequestUri;

    private protected static int ReasonSlot => SlotReason;
}
