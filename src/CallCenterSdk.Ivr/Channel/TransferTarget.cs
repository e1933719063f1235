namespace CallCenterSdk.Ivr.Channel;

/// <summary>What a transfer goes to.</summary>
public enum TransferTargetKind
{
    /// <summary>An ACD queue by name.</summary>
    Queue,
    /// <summary>A specific agent by id.</summary>
    Agent,
    /// <summary>An internal extension.</summary>
    Extension,
    /// <summary>An external number dialled through a trunk.</summary>
    External,
}

/// <summary>The destination of a transfer.</summary>
/// <param name="Kind">Queue, agent, extension or external number.</param>
/// <param name="Address">The queue name, agent id, extension or E.164 number.</param>
public sealed record TransferTarget(TransferTargetKind Kind, string Address);
