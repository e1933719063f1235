namespace CallCenterSdk.Acd;

/// <summary>A configured overflow destination.</summary>
/// <param name="Kind">Kind of destination.</param>
/// <param name="Queue">Target queue when <paramref name="Kind"/> is <see cref="OverflowTargetKind.Queue"/>.</param>
/// <param name="Destination">Voicemail box or IVR node name.</param>
/// <param name="Reason">Reason given on hang-up.</param>
public sealed record OverflowTarget(OverflowTargetKind Kind, QueueId? Queue = null, string? Destination = null, string? Reason = null)
{
    /// <summary>Hang up with a reason.</summary>
    public static OverflowTarget HangUp(string reason) => new(OverflowTargetKind.HangUp, Reason: reason);

    /// <summary>Move to another queue.</summary>
    public static OverflowTarget ToQueue(QueueId queue) => new(OverflowTargetKind.Queue, Queue: queue);

    /// <summary>Send to voicemail.</summary>
    public static OverflowTarget ToVoicemail(string box) => new(OverflowTargetKind.Voicemail, Destination: box);

    /// <summary>Send to an IVR node.</summary>
    public static OverflowTarget ToIvr(string node) => new(OverflowTargetKind.Ivr, Destination: node);
}
