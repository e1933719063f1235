namespace CallCenterSdk.Sip.Uris;

/// <summary>The two schemes of a SIP URI (RFC 3261 §19.1).</summary>
public enum SipUriScheme
{
    /// <summary><c>sip:</c></summary>
    Sip,

    /// <summary><c>sips:</c>: every hop secured with TLS.</summary>
    Sips,
}
