namespace CallCenterSdk.Acd;

/// <summary>The live state of one agent in an <see cref="AcdSnapshot"/>.</summary>
/// <param name="Id">The agent.</param>
/// <param name="Presence">What the agent asked for: <see cref="AgentState.LoggedOut"/>, <see cref="AgentState.Available"/> (ready) or <see cref="AgentState.NotReady"/>.</param>
/// <param name="NotReadyReason">Reason code when not ready.</param>
/// <param name="StateSince">When the reported state began.</param>
/// <param name="TimeInState">Closed time per state, indexed by <see cref="AgentState"/>.</param>
/// <param name="ContactsAnswered">Contacts answered.</param>
/// <param name="TalkTime">Accumulated talk time.</param>
/// <param name="IdleSince">Start of the current idle period (longest idle).</param>
/// <param name="OffersPausedUntil">End of a missed-offer delay.</param>
/// <param name="ConsecutiveNoAnswer">Unanswered offers in a row.</param>
public sealed record AgentSnapshot(
    AgentId Id,
    AgentState Presence,
    string? NotReadyReason,
    DateTimeOffset StateSince,
    IReadOnlyList<TimeSpan> TimeInState,
    int ContactsAnswered,
    TimeSpan TalkTime,
    DateTimeOffset IdleSince,
    DateTimeOffset? OffersPausedUntil,
    int ConsecutiveNoAnswer);
