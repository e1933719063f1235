namespace CallCenterSdk.Ivr.Channel;

/// <summary>Which side ended the call.</summary>
public enum HangUpParty
{
    /// <summary>The caller hung up.</summary>
    Caller,
    /// <summary>The IVR flow hung up.</summary>
    Flow,
    /// <summary>The network or the host ended it (shutdown, media timeout).</summary>
    System,
}

/// <summary>The end of a call.</summary>
public sealed class CallHungUpEventArgs(HangUpParty party, string reason) : EventArgs
{
    /// <summary>Who ended the call.</summary>
    public HangUpParty Party { get; } = party;

    /// <summary>Why (a SIP reason, "caller hung up", the flow's reason).</summary>
    public string Reason { get; } = reason;
}
