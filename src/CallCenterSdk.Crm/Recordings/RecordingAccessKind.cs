namespace CallCenterSdk.Crm.Recordings;

/// <summary>What someone did with a recording.</summary>
public enum RecordingAccessKind
{
    /// <summary>Played it back.</summary>
    Listen,

    /// <summary>Exported or downloaded it.</summary>
    Export,
}
