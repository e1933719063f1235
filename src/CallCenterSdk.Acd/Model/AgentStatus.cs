namespace CallCenterSdk.Acd;

/// <summary>An agent's live state with per-state time accounting.</summary>
/// <param name="Id">The agent.</param>
/// <param name="State">Current state.</param>
/// <param name="NotReadyReason">Reason code while not ready.</param>
/// <param name="Since">When the current state began.</param>
/// <param name="TimeInState">Time spent in each state, indexed by <see cref="AgentState"/> (current state included up to now).</param>
/// <param name="ContactsAnswered">Contacts answered since the engine started.</param>
/// <param name="TalkTime">Accumulated talk time.</param>
/// <param name="Contacts">Contacts ringing, connected or in wrap-up.</param>
/// <param name="OffersPausedUntil">End of a missed-offer delay, if one is running.</param>
public sealed record AgentStatus(
    AgentId Id,
    AgentState State,
    string? NotReadyReason,
    DateTimeOffset Since,
    IReadOnlyList<TimeSpan> TimeInState,
    int ContactsAnswered,
    TimeSpan TalkTime,
    IReadOnlyList<ContactId> Contacts,
    DateTimeOffset? OffersPausedUntil);
