namespace CallCenterSdk.Sip.Dialogs;

/// <summary>The states of a dialog (RFC 3261 §12).</summary>
public enum DialogState
{
    /// <summary>Created by a provisional response with a To tag.</summary>
    Early,

    /// <summary>Created or confirmed by a 2xx.</summary>
    Confirmed,

    /// <summary>Ended by BYE, a failure, or a timeout.</summary>
    Terminated,
}
