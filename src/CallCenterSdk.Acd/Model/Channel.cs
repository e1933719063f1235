namespace CallCenterSdk.Acd;

/// <summary>The medium of a contact. Every channel is routed by the same engine.</summary>
public enum Channel
{
    /// <summary>A phone call (default capacity 1 per agent).</summary>
    Voice = 0,

    /// <summary>A web text chat (several at once per agent).</summary>
    Chat = 1,

    /// <summary>An e-mail.</summary>
    Email = 2,
}
