namespace CallCenterSdk.Acd;

/// <summary>
/// One contact in an <see cref="AcdSnapshot"/>: waiting (ringing offers are not kept; the contact is
/// routed again on restore), connected, or in the agent's wrap-up.
/// </summary>
/// <param name="Id">The contact.</param>
/// <param name="Request">The original request.</param>
/// <param name="Queue">Its current queue.</param>
/// <param name="Arrival">First arrival in the ACD.</param>
/// <param name="Enqueued">Entry into the current queue.</param>
/// <param name="Agent">The connected agent, or the agent in wrap-up for it; null while waiting.</param>
/// <param name="Answered">Answer time when connected.</param>
/// <param name="Hold">Hold time so far.</param>
/// <param name="OnHoldSince">Start of the current hold, if on hold.</param>
/// <param name="WrapUpSince">Start of the agent's wrap-up, when in wrap-up.</param>
/// <param name="Talk">Talk time of a finished conversation (wrap-up).</param>
/// <param name="Transferred">The wrap-up follows a transfer.</param>
/// <param name="EscalationStep">Escalation steps already applied.</param>
/// <param name="AlsoIn">Further queues the contact was widened to.</param>
public sealed record ContactSnapshot(
    ContactId Id,
    ContactRequest Request,
    QueueId Queue,
    DateTimeOffset Arrival,
    DateTimeOffset Enqueued,
    AgentId? Agent,
    DateTimeOffset? Answered,
    TimeSpan Hold,
    DateTimeOffset? OnHoldSince,
    DateTimeOffset? WrapUpSince,
    TimeSpan Talk,
    bool Transferred,
    int EscalationStep,
    IReadOnlyList<QueueId> AlsoIn);
