namespace CallCenterSdk.Sip.Messages;

/// <summary>The header fields the SDK knows by name (long and compact forms map to the same kind).</summary>
public enum HeaderKind : byte
{
    /// <summary>Any other header, kept verbatim.</summary>
    Unknown = 0,

    /// <summary>Via (compact <c>v</c>).</summary>
    Via,

    /// <summary>From (compact <c>f</c>).</summary>
    From,

    /// <summary>To (compact <c>t</c>).</summary>
    To,

    /// <summary>Call-ID (compact <c>i</c>).</summary>
    CallId,

    /// <summary>CSeq.</summary>
    CSeq,

    /// <summary>Contact (compact <c>m</c>).</summary>
    Contact,

    /// <summary>Max-Forwards.</summary>
    MaxForwards,

    /// <summary>Content-Type (compact <c>c</c>).</summary>
    ContentType,

    /// <summary>Content-Length (compact <c>l</c>).</summary>
    ContentLength,

    /// <summary>Route.</summary>
    Route,

    /// <summary>Record-Route.</summary>
    RecordRoute,

    /// <summary>Expires.</summary>
    Expires,

    /// <summary>Supported (compact <c>k</c>).</summary>
    Supported,

    /// <summary>Require.</summary>
    Require,

    /// <summary>Proxy-Require.</summary>
    ProxyRequire,

    /// <summary>Allow.</summary>
    Allow,

    /// <summary>Authorization.</summary>
    Authorization,

    /// <summary>WWW-Authenticate.</summary>
    WwwAuthenticate,

    /// <summary>Proxy-Authenticate.</summary>
    ProxyAuthenticate,

    /// <summary>Proxy-Authorization.</summary>
    ProxyAuthorization,

    /// <summary>Event (compact <c>o</c>, RFC 6665).</summary>
    Event,

    /// <summary>Subscription-State (RFC 6665).</summary>
    SubscriptionState,

    /// <summary>Refer-To (compact <c>r</c>, RFC 3515).</summary>
    ReferTo,

    /// <summary>Referred-By (compact <c>b</c>, RFC 3892).</summary>
    ReferredBy,

    /// <summary>Replaces (RFC 3891).</summary>
    Replaces,

    /// <summary>Session-Expires (compact <c>x</c>, RFC 4028).</summary>
    SessionExpires,

    /// <summary>User-Agent.</summary>
    UserAgent,

    /// <summary>Server.</summary>
    Server,

    /// <summary>Reason (RFC 3326).</summary>
    Reason,

    /// <summary>Subject (compact <c>s</c>).</summary>
    Subject,

    /// <summary>Content-Encoding (compact <c>e</c>).</summary>
    ContentEncoding,

    /// <summary>Allow-Events (compact <c>u</c>, RFC 6665).</summary>
    AllowEvents,

    /// <summary>Date.</summary>
    Date,

    /// <summary>Timestamp (copied into 100 Trying, RFC 3261 §8.2.6.1).</summary>
    Timestamp,
}
