namespace CallCenterSdk.Acd;

/// <summary>
/// A workflow step (Twilio TaskRouter style): after the contact waited <see cref="After"/>, relax the
/// skill levels and/or widen the target set to more queues.
/// </summary>
public sealed record EscalationStep
{
    /// <summary>Waiting time (since entering the queue) at which the step starts.</summary>
    public required TimeSpan After { get; init; }

    /// <summary>Lower every required minimum level by this much (never below 1).</summary>
    public int RelaxLevelsBy { get; init; }

    /// <summary>Further queues whose agents may take the contact from this step on.</summary>
    public IReadOnlyList<QueueId> AlsoTarget { get; init; } = [];

    /// <summary>Go straight on to the next step when nobody eligible is available in this one (default false).</summary>
    public bool SkipWhenNoAgentAvailable { get; init; }
}
