namespace CallCenterSdk.Sip.Sdp;

/// <summary>How a new remote description relates to the previous one of the same session (RFC 3264 §8).</summary>
public enum SdpSessionChange
{
    /// <summary>Same origin and version: nothing changed (a session refresh); no renegotiation needed.</summary>
    Unchanged = 0,

    /// <summary>The version grew: the remote side changed its description (hold, resume, new address, ...).</summary>
    Modified = 1,

    /// <summary>The origin names another session (a B2BUA or transfer swapped the far end); treat as new.</summary>
    Replaced = 2,
}
