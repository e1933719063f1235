namespace CallCenterSdk.Media.Rtcp;

/// <summary>SDES item types (RFC 3550 §6.5).</summary>
public enum RtcpSourceDescriptionItemType : byte
{
    /// <summary>Terminates a chunk's item list.</summary>
    End = 0,

    /// <summary>Canonical end-point identifier, mandatory in every compound (§6.5.1).</summary>
    CanonicalName = 1,

    /// <summary>User name.</summary>
    Name = 2,

    /// <summary>E-mail address.</summary>
    Email = 3,

    /// <summary>Phone number.</summary>
    Phone = 4,

    /// <summary>Geographic location.</summary>
    Location = 5,

    /// <summary>Application or tool name.</summary>
    Tool = 6,

    /// <summary>Notice or status.</summary>
    Note = 7,

    /// <summary>Private extension.</summary>
    Private = 8,
}
