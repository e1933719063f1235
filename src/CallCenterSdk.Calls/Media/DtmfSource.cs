namespace CallCenterSdk.Calls.Media;

/// <summary>How a DTMF digit reached us.</summary>
public enum DtmfSource
{
    /// <summary>RTP telephone-event (RFC 4733).</summary>
    Rfc4733,

    /// <summary>SIP INFO with application/dtmf-relay.</summary>
    SipInfo,

    /// <summary>Tones detected in the received audio.</summary>
    InBand,
}
