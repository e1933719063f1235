namespace CallCenterSdk.Acd.Engine;

/// <summary>An agent's membership of one queue, with the key it is indexed under by the queue's strategy.</summary>
internal sealed class MemberRuntime
{
    public MemberRuntime(AgentRuntime agent, QueueRuntime queue, QueueMembership definition, int ordinal)
    {
        Agent = agent;
        Queue = queue;
        Definition = definition;
        Ordinal = ordinal;
        Level = Math.Max(1, definition.Level);
        DelayTicks = definition.ProfileDelay.Ticks;
    }

    public AgentRuntime Agent { get; }

    public QueueRuntime Queue { get; }

    public QueueMembership Definition { get; }

    /// <summary>Index of this member in <see cref="QueueRuntime.Members"/>; the value stored in strategy indexes.</summary>
    public int Ordinal { get; }

    public int Level { get; }

    public int Position => Definition.Position;

    public long DelayTicks { get; }

    public bool Indexed;
    public long KeyPrimary;
    public long KeySecondary;
}
