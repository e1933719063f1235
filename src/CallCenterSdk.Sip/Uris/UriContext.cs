namespace CallCenterSdk.Sip.Uris;

/// <summary>Where a URI stands, which decides what it may contain (RFC 3261 §19.1.1 table 1, §20).</summary>
internal enum UriContext
{
    /// <summary>The Request-URI: no URI headers, no brackets.</summary>
    RequestUri,

    /// <summary>Inside &lt;&gt;: everything allowed.</summary>
    NameAddr,

    /// <summary>A bare addr-spec in a header: a ';' starts header parameters; '?' and ',' need &lt;&gt;.</summary>
    AddrSpec,
}
