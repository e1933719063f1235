namespace CallCenterSdk.Acd;

/// <summary>The configuration of one agent (serializable).</summary>
public sealed record AgentDefinition
{
    /// <summary>The agent.</summary>
    public required AgentId Id { get; init; }

    /// <summary>Skills with proficiency 1-10.</summary>
    public IReadOnlyList<SkillLevel> Skills { get; init; } = [];

    /// <summary>Queues the agent serves, with tier, penalty and routing-profile settings.</summary>
    public IReadOnlyList<QueueMembership> Queues { get; init; } = [];

    /// <summary>Contacts of one channel the agent may hold at once (default 1). A contact of another channel blocks.</summary>
    public int VoiceCapacity { get; init; } = 1;

    /// <summary>Concurrent chats (default 3).</summary>
    public int ChatCapacity { get; init; } = 3;

    /// <summary>Concurrent e-mails (default 1).</summary>
    public int EmailCapacity { get; init; } = 1;

    /// <summary>Missed-offer handling (default <see cref="MissedOfferPolicy.Default"/>).</summary>
    public MissedOfferPolicy MissedOffers { get; init; } = MissedOfferPolicy.Default;

    internal int CapacityFor(Channel channel) => channel switch
    {
        Channel.Voice => VoiceCapacity,
        Channel.Chat => ChatCapacity,
        _ => EmailCapacity,
    };
}
