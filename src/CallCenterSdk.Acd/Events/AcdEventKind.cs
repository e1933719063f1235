namespace CallCenterSdk.Acd;

/// <summary>Kinds of <see cref="AcdEvent"/>. The queue_log verb each one maps to is in docs/acd.md.</summary>
public enum AcdEventKind
{
    /// <summary>A contact entered a queue (queue_log ENTERQUEUE; "offered" in KPI terms).</summary>
    Queued = 0,

    /// <summary>An agent was reserved for a contact and is ringing.</summary>
    Reserved = 1,

    /// <summary>The agent accepted the offer.</summary>
    Accepted = 2,

    /// <summary>The agent rejected the offer (or answered busy, see <see cref="AcdEvent.Reason"/>).</summary>
    Rejected = 3,

    /// <summary>The offer rang out (queue_log RINGNOANSWER).</summary>
    TimedOut = 4,

    /// <summary>An offer was withdrawn because another agent answered, the caller left or the agent was forced away.</summary>
    OfferWithdrawn = 5,

    /// <summary>The contact was connected to an agent (queue_log CONNECT); <see cref="AcdEvent.Wait"/> is its wait.</summary>
    Answered = 6,

    /// <summary>The caller left while waiting (queue_log ABANDON).</summary>
    Abandoned = 7,

    /// <summary>A queue limit sent the contact to a target (queue_log EXITWITHTIMEOUT / FULL / JOINEMPTY).</summary>
    Overflowed = 8,

    /// <summary>The agent transferred the contact to another queue (queue_log TRANSFER).</summary>
    Transferred = 9,

    /// <summary>The conversation ended (queue_log COMPLETEAGENT / COMPLETECALLER).</summary>
    Released = 10,

    /// <summary>The agent finished the contact including wrap-up; carries talk, hold and wrap-up times.</summary>
    Completed = 11,

    /// <summary>The agent state changed; carries the previous state and its duration.</summary>
    AgentStateChanged = 12,

    /// <summary>A waiting contact reached an escalation step.</summary>
    Escalated = 13,

    /// <summary>The contact was put on hold or retrieved (see <see cref="AcdEvent.Reason"/>).</summary>
    HoldChanged = 14,
}
