namespace CallCenterSdk.Ivr.Queueing;

/// <summary>How a queued call left the queue.</summary>
public enum QueueOutcomeKind
{
    /// <summary>An agent served the caller and hung up; the caller is back in the flow (for a survey).</summary>
    AgentHungUp,
    /// <summary>The queue's maximum wait passed.</summary>
    TimedOut,
    /// <summary>The queue overflowed or had no logged-in agents.</summary>
    NoAgents,
    /// <summary>Anything else.</summary>
    Failed,
}

/// <summary>The result of waiting in a queue.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="AgentId">The agent who served the caller, if any.</param>
/// <param name="Detail">Optional detail.</param>
public sealed record QueueOutcome(QueueOutcomeKind Kind, string? AgentId = null, string? Detail = null);
