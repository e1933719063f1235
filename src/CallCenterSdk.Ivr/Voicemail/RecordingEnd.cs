namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>Why a recording stopped.</summary>
public enum RecordingEnd
{
    /// <summary>The caller pressed a finish key.</summary>
    Key,
    /// <summary>The caller stayed silent for the silence timeout.</summary>
    Silence,
    /// <summary>The maximum length was reached.</summary>
    MaxLength,
    /// <summary>The caller hung up (the message is still kept).</summary>
    HangUp,
}
