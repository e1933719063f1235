namespace CallCenterSdk.Acd;

/// <summary>A contact presented to a queue.</summary>
public sealed record ContactRequest
{
    /// <summary>The queue.</summary>
    public required QueueId Queue { get; init; }

    /// <summary>Channel; must match the queue's (default voice).</summary>
    public Channel Channel { get; init; } = Channel.Voice;

    /// <summary>Priority, higher first (default 0).</summary>
    public int Priority { get; init; }

    /// <summary>VIP / white-listed caller: adds the queue's VIP boost.</summary>
    public bool Vip { get; init; }

    /// <summary>Skills needed with minimum levels, on top of the queue's.</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; init; } = [];

    /// <summary>Caller number (ANI) for sticky routing; may be null.</summary>
    public string? CallerNumber { get; init; }

    /// <summary>The host's reference (SIP Call-ID, chat id); carried into events.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Free attributes (language, account, ...).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
